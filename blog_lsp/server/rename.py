"""Rename a note or a heading, and every link to it (what renames what, and the edits, are
planned by :mod:`blog_lsp.vault.rename`); prepareRename refuses everywhere else, with a
message that says why. A refusal is a RequestFailed error with that message.

Renaming a note needs an editor that applies file renames in workspace edits; headings can be
renamed in every editor.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from blog_lsp.server.backlinks import NoteReader
from blog_lsp.server.documents import file_uri
from blog_lsp.server.edits import EditBuilder, EditNotSupportedError
from blog_lsp.server.requests import Request, follow, never_fails, request
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.text import Range
from blog_lsp.vault.rename import (
    NO_FILE_RENAMES,
    HeadingRename,
    NoteEdit,
    NoteRename,
    RenameError,
    rename_edits,
    what_to_rename,
)

log = logging.getLogger(__name__)


class RenameRefused(JsonRpcException):
    """A rename blog-lsp will not do, with the reason shown to the writer."""

    CODE = types.LSPErrorCodes.RequestFailed.value


@contextmanager
def refusals() -> Iterator[None]:
    """A core RenameError, as the error response that shows its message."""
    try:
        yield
    except RenameError as error:
        raise RenameRefused(error.message) from error


def _plan(ls: BlogLanguageServer, found: Request) -> NoteRename | HeadingRename:
    """What the cursor is on, as something to rename; raises RenameRefused otherwise."""
    assert found.position is not None
    with refusals():
        return what_to_rename(
            found.thing,
            found.note,
            found.position,
            lambda link: follow(ls, found.located, found.note, link),
            ls.supports_file_operation(types.ResourceOperationKind.Rename),
        )


def _client_edits(
    ls: BlogLanguageServer, reader: NoteReader, edits: list[NoteEdit]
) -> list[tuple[str, types.Range, str]]:
    """Runs in a worker thread: the edits with client ranges, sorted, without duplicates."""
    result: list[tuple[str, types.Range, str]] = []
    seen: set[tuple[str, Range]] = set()
    for path, where, new_text in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if (path, where) in seen:
            continue
        seen.add((path, where))
        note = reader.note(path)
        if note.text is None:
            continue
        result.append((reader.uri(path), ls.to_client_range(note, where), new_text))
    return result


def _compute(
    ls: BlogLanguageServer, reader: NoteReader, plan: NoteRename | HeadingRename, new_name: str
) -> tuple[list[tuple[str, types.Range, str]], tuple[str, str] | None]:
    """Runs in a worker thread: the text edits and the file rename (old URI, new URI)."""
    if isinstance(plan, HeadingRename):
        # The heading's ranges are converted with the parse they were found in.
        reader.use(plan.note)
    with refusals():
        edits, new_path = rename_edits(reader, plan, new_name)
    if new_path is None:
        return _client_edits(ls, reader, edits), None
    assert isinstance(plan, NoteRename)
    new_uri = file_uri(reader.vault.root / new_path)
    return _client_edits(ls, reader, edits), (reader.uri(plan.path), new_uri)


# -- handlers ------------------------------------------------------------------------------


def prepare_rename(
    ls: BlogLanguageServer, params: types.PrepareRenameParams
) -> types.PrepareRenamePlaceholder | None:
    found = request(ls, params.text_document.uri, params.position)
    if found is None or found.position is None:
        return None
    plan = _plan(ls, found)
    return types.PrepareRenamePlaceholder(
        range=ls.to_client_range(found.note, plan.range), placeholder=plan.placeholder
    )


async def rename(ls: BlogLanguageServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    found = request(ls, params.text_document.uri, params.position)
    if found is None or found.position is None:
        return None
    plan = _plan(ls, found)
    reader = NoteReader.capture(ls, found.located.vault)
    reader.use(found.note)
    loop = asyncio.get_running_loop()
    edits, file_rename = await loop.run_in_executor(
        ls.executor, _compute, ls, reader, plan, params.new_name
    )
    builder = EditBuilder(ls)
    # Text edits first, on the old URIs; the file is renamed last.
    for uri, where, new_text in edits:
        builder.replace(uri, where, new_text)
    if file_rename is not None:
        builder.rename_file(*file_rename)
    try:
        return builder.build()
    except EditNotSupportedError as error:
        raise RenameRefused(NO_FILE_RENAMES) from error


def register(server: BlogLanguageServer) -> None:
    server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)(never_fails(prepare_rename))
    server.feature(types.TEXT_DOCUMENT_RENAME)(never_fails(rename))
