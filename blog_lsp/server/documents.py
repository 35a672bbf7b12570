"""The server's copies of the documents open in the editor, kept by the LSP rules.

pygls's own ``TextDocument`` splits lines with ``str.splitlines``, which also breaks at
U+2028, U+2029, U+0085, form feed, vertical tab and U+001C–U+001E, and applies a position past
the end of a line after its line break. Once a note holds one of those characters, every
incremental edit below it lands elsewhere than in the editor, and a fix computed from the
drifted copy replaces the writer's text. So the server keeps its own store: lines break only
at ``\\n``, ``\\r\\n`` and ``\\r``; a character past the end of a line means the end of that line;
a line past the last means the end of the text (as ``vscode-languageserver-textdocument`` does).

A :class:`Document` is an immutable snapshot: a change makes a new one, so a worker that took
a snapshot keeps a consistent text and version whatever arrives meanwhile.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path

from blog_lsp.server.positions import PositionConverter
from blog_lsp.text import LineIndex

log = logging.getLogger(__name__)


def fs_path(uri: str) -> str | None:
    """The file-system path of a ``file:`` URI, or None for any other URI and for a path no
    file can have (an encoded NUL byte)."""
    try:
        path = to_fs_path(uri)
    except (ValueError, TypeError):
        return None
    if path is None or "\x00" in path:
        return None
    return path


def file_uri(path: str | os.PathLike[str]) -> str:
    """The ``file:`` URI of a path, for any name the file system allows: pygls's
    ``from_fs_path`` fails on a name that is not UTF-8, which ``as_uri`` percent-encodes."""
    try:
        uri = from_fs_path(os.fspath(path))
    except UnicodeError:
        uri = None
    return uri or Path(os.path.abspath(path)).as_uri()


def document_key(uri: str) -> str:
    """One spelling for the URIs that name the same document: clients differ in what they
    percent-encode (``My%20Post.md`` and ``My Post.md``), and the drive letter's case."""
    path = fs_path(uri)
    return unquote(uri) if path is None else file_uri(path)


class Document:
    """One open document at one version: the client's URI, its text and its lines. Never
    changed once made (a change makes a new one)."""

    __slots__ = ("language_id", "lines", "text", "uri", "version")

    def __init__(
        self,
        uri: str,
        version: int | None,
        text: str,
        language_id: str = "markdown",
        lines: LineIndex | None = None,
    ) -> None:
        self.uri = uri  # as the client spelt it: replies use the client's own spelling
        self.version = version
        self.text = text
        self.language_id = language_id
        # By the LSP rules; made at once, as the next change needs it anyway.
        self.lines = lines if lines is not None else LineIndex(text)

    @property
    def source(self) -> str:
        return self.text

    @property
    def path(self) -> str | None:
        return fs_path(self.uri)

    def changed(
        self,
        version: int | None,
        changes: Iterable[types.TextDocumentContentChangeEvent],
        converter: PositionConverter,
    ) -> Document:
        """The document after the client's changes, applied in order (each change's range
        refers to the text as the changes before it left it)."""
        text, lines = self.text, self.lines
        for change in changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start = converter.offset_from_client(text, lines, change.range.start)
                end = converter.offset_from_client(text, lines, change.range.end)
                if end < start:  # a reversed range: the same span, as editors read it
                    start, end = end, start
                text = text[:start] + change.text + text[end:]
            else:
                text = change.text
            lines = LineIndex(text)
        return Document(self.uri, version, text, self.language_id, lines)


class DocumentStore:
    """The open documents, by :func:`document_key`. Only the event loop changes it."""

    def __init__(self) -> None:
        self._documents: dict[str, Document] = {}

    def open(self, item: types.TextDocumentItem) -> Document:
        document = Document(item.uri, item.version, item.text, item.language_id)
        self._documents[document_key(item.uri)] = document
        return document

    def change(
        self, params: types.DidChangeTextDocumentParams, converter: PositionConverter
    ) -> Document | None:
        key = document_key(params.text_document.uri)
        document = self._documents.get(key)
        if document is None:
            log.warning("a change to %s, which is not open: ignored", params.text_document.uri)
            return None
        document = document.changed(params.text_document.version, params.content_changes, converter)
        self._documents[key] = document
        return document

    def close(self, uri: str) -> Document | None:
        return self._documents.pop(document_key(uri), None)

    def get(self, uri: str) -> Document | None:
        return self._documents.get(document_key(uri))

    def by_path(self, path: str) -> Document | None:
        """The open document of a file, whatever spelling of its URI the client used."""
        return self._documents.get(document_key(file_uri(path)))

    def __iter__(self) -> Iterator[Document]:
        # A list: callers may open or close documents while they walk.
        return iter(list(self._documents.values()))

    def __len__(self) -> int:
        return len(self._documents)
