"""The notes a request about backlinks reads, from a worker thread: the editor's copy of each
open one, taken on the event loop (the finding itself is :mod:`blog_lsp.vault.backlinks`), and
the ranges found in them converted with the text they belong to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from lsprotocol import types

from blog_lsp.server.documents import file_uri
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.text import LineIndex, Range
from blog_lsp.vault.files import read_note_file
from blog_lsp.vault.model import Note, Tag
from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)


@dataclass
class NoteReader:
    """Full parses of the notes one request needs, usable from a worker thread.

    ``ls.note_for`` and ``ls.uri_for`` look at the open documents, which the event loop
    changes; the reader takes their texts once, on the loop, when it is made.
    """

    ls: BlogLanguageServer
    vault: Vault
    open_documents: dict[str, tuple[str, str]]  # absolute path -> (uri, text)
    _parsed: dict[str, Note] = field(default_factory=dict)

    @classmethod
    def capture(cls, ls: BlogLanguageServer, vault: Vault) -> NoteReader:
        """Call on the event loop."""
        documents = {
            document.path: (document.uri, document.text)
            for document in ls.documents
            if document.path is not None
        }
        return cls(ls, vault, documents)

    def uri(self, relative: str) -> str:
        path = str(self.vault.root / relative)
        found = self.open_documents.get(path)
        if found is not None:
            return found[0]
        return file_uri(path)

    def note(self, relative: str) -> Note:
        """The full parse of a note's current text (text None when it cannot be read)."""
        note = self._parsed.get(relative)
        if note is None:
            found = self.open_documents.get(str(self.vault.root / relative))
            note = self.vault.load(relative, found[1] if found is not None else None)
            self._parsed[relative] = note
        return note

    def tags_of(self, relative: str) -> Note:
        """A note to take tags from: the index's parse with the current text attached, when
        each of its tags is still written where the index says (the usual case; a full parse
        costs ten times more, and a popular tag is in thousands of notes); else a full parse.
        Use it for its tags only."""
        if relative in self._parsed:
            return self._parsed[relative]
        indexed = self.vault.notes.get(relative)
        found = self.open_documents.get(str(self.vault.root / relative))
        if found is not None:
            text: str | None = found[1]
        else:
            path = self.vault.absolute(relative)
            text = read_note_file(path, self.vault.settings.max_file_size).text
        if indexed is None or text is None:
            return self.note(relative)
        lines = LineIndex(text)
        if not all(_written_at(text, lines, tag) for tag in indexed.tags):
            return self.note(relative)
        return replace(indexed, text=text, lines=lines)

    def use(self, note: Note) -> None:
        """Reuse a full parse the request already has (the document it is about)."""
        if note.text is not None:
            self._parsed[note.path] = note

    def location(self, note: Note, where: Range) -> types.Location | None:
        """A range in a note, converted with the text it was found in."""
        if note.text is None or note.lines is None:
            return None
        return types.Location(uri=self.uri(note.path), range=self.ls.to_client_range(note, where))


def _written_at(text: str, lines: LineIndex, tag: Tag) -> bool:
    """Whether a tag's range in ``text`` holds its name ('#' and quotes aside)."""
    if tag.range.start.line >= lines.line_count or tag.range.end.line >= lines.line_count:
        return False
    written = text[lines.offset(tag.range.start) : lines.offset(tag.range.end)]
    if tag.in_frontmatter:
        written = written.strip().strip("'\"").strip().lstrip("#")
    return written == tag.name
