"""``blog-lsp.createNote`` (a note for an unresolved link) and ``blog-lsp.openNote``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pygls.exceptions import JsonRpcInvalidParams

from blog_lsp.server.commands.common import (
    CREATE_NOTE,
    OPEN_NOTE,
    Argument,
    CommandFailedError,
    create_file,
    parse_arguments,
    show_document,
    wait_for_index,
)
from blog_lsp.server.documents import fs_path
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.vault.model import NOTE_SUFFIX

# -- notes for unresolved links --------------------------------------------------------------


CREATE_NOTE_ARGUMENTS = {
    "uri": Argument(str, "the URI of the note holding the link", required=True),
    "target": Argument(str, "the link's target, as text", required=True),
}


async def create_note(ls: BlogLanguageServer, arguments: Sequence[Any]) -> str:
    from blog_lsp.drafting.plans import plan_note
    from blog_lsp.drafting.template import new_note_text

    options = parse_arguments(CREATE_NOTE, arguments, CREATE_NOTE_ARGUMENTS)
    uri, target = options["uri"], options["target"]
    located = ls.locate(uri)
    if located is None:
        raise JsonRpcInvalidParams(
            f"{CREATE_NOTE}: 'uri' must name a note in a vault, not {uri!r}."
        )
    # The whole index, or a note that is not indexed yet could be missed and a second made.
    await wait_for_index(located.state)
    vault = located.state.vault
    resolved = vault.resolve(target, located.relative).path
    if resolved is not None:
        raise CommandFailedError(
            f"'{target}' already leads to '{resolved}': blog-lsp does not create a second note "
            "that would take its links.",
            data={"existing": ls.uri_for(vault, resolved), "path": resolved},
        )
    path = plan_note(vault, located.relative, target)
    if path is None:
        raise CommandFailedError(
            f"blog-lsp cannot create a note for '{target}': the name must be a note name that "
            "stays inside the vault, without characters a filename cannot hold."
        )
    return await create_file(ls, vault, path, new_note_text(path))


# -- showing notes ---------------------------------------------------------------------------

OPEN_NOTE_ARGUMENTS = {"uri": Argument(str, "the URI of the note", required=True)}


async def open_note(ls: BlogLanguageServer, arguments: Sequence[Any]) -> bool:
    options = parse_arguments(OPEN_NOTE, arguments, OPEN_NOTE_ARGUMENTS)
    uri = options["uri"]
    path = fs_path(uri)
    if path is None:
        raise JsonRpcInvalidParams(f"{OPEN_NOTE}: 'uri' must be a file URI, not {uri!r}.")
    located = ls.locate(uri)
    # A note an edit has just created may not be indexed yet.
    if (
        located is not None
        and located.relative.lower().endswith(NOTE_SUFFIX)
        and located.relative not in located.vault.notes
        and Path(path).is_file()
    ):
        located.state.indexer.path_changed(located.relative)
        await located.state.indexer.updated()
    return await show_document(ls, uri)
