"""``blog-lsp.createNote`` (a note for an unresolved link) and ``blog-lsp.openNote``."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from pygls.exceptions import JsonRpcInvalidParams

from blog_lsp.server.commands.common import (
    ATTACHMENT_SUFFIXES,
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

if TYPE_CHECKING:
    from blog_lsp.vault.vault import Vault

# -- notes for unresolved links --------------------------------------------------------------


def plan_note(vault: Vault, from_relative: str, target: str) -> Path | None:
    """Where 'Create note' puts a note for an unresolved link target, or None when there is no
    safe place for it.

    A plain name goes to the vault root (Obsidian's default for new notes); a name with a
    folder part to that folder (an existing folder however its name is cased); './' and '../'
    targets are relative to the linking note. A target that already leads to a note gets no
    other: it would take that note's links. The drafting package's path rules decide what is
    safe; the name is kept as written (the link must resolve to the new note), but for
    invisible format characters, which no new filename holds, so a name those rules would
    change otherwise gets no note.
    """
    from blog_lsp.drafting.errors import DraftError
    from blog_lsp.drafting.naming import planned_draft_path
    from blog_lsp.names import new_name, same_name

    if vault.resolve(target, from_relative).path is not None:
        return None
    name = target.strip().replace("\\", "/")
    if name.lower().endswith(".md"):
        name = name[:-3]
    if name.startswith(("./", "../")):
        folder = from_relative.rsplit("/", 1)[0] if "/" in from_relative else ""
        name = posixpath.normpath(posixpath.join(folder, name))
        if name == ".." or name.startswith("../"):
            return None
    name = name.lstrip("/")
    folder, _, stem = name.rpartition("/")
    if not stem or any(part.startswith(".") for part in folder.split("/") if part):
        return None
    if PurePosixPath(stem).suffix.lower().lstrip(".") in ATTACHMENT_SUFFIXES:
        return None
    try:
        planned = planned_draft_path(vault.root, folder, stem, max_length=len(stem))
    except DraftError:
        return None
    if not same_name(planned.stem, stem):
        return None
    return planned.with_name(new_name(stem) + ".md")


def note_text(path: Path) -> str:
    """A new note's text: its name as the H1 heading."""
    from blog_lsp.drafting.template import heading_text

    return f"# {heading_text(path.stem)}\n"


CREATE_NOTE_ARGUMENTS = {
    "uri": Argument(str, "the URI of the note holding the link", required=True),
    "target": Argument(str, "the link's target, as text", required=True),
}


async def create_note(ls: BlogLanguageServer, arguments: Sequence[Any]) -> str:
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
    return await create_file(ls, vault, path, note_text(path), f"Create the note '{path.stem}'")


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
        and located.relative.lower().endswith(".md")
        and located.relative not in located.vault.notes
        and Path(path).is_file()
    ):
        located.state.indexer.path_changed(located.relative)
        await located.state.indexer.updated()
    return await show_document(ls, uri)
