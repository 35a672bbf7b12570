"""Where a new draft, or a note for an unresolved link, goes in a vault; nothing is written.

The server's commands and code actions plan with these before they create anything.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from blog_lsp.drafting.errors import DraftError
from blog_lsp.drafting.naming import planned_draft_path
from blog_lsp.names import new_name, same_name
from blog_lsp.vault.index import NOTE_SUFFIX

if TYPE_CHECKING:
    from blog_lsp.vault.vault import Vault

# A link to one of these names an attachment, not a note: 'Create note' is not offered.
ATTACHMENT_SUFFIXES = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "avif", "pdf", "mp3", "wav", "ogg",
     "m4a", "flac", "mp4", "webm", "mov", "mkv", "canvas", "base"}
)  # fmt: skip


@dataclass(frozen=True)
class DraftPlan:
    """Where the draft for a title goes: its absolute path (inside the vault), its path
    relative to the vault, and its filename without '.md' (what a wiki-link to it says)."""

    path: Path
    relative: str
    stem: str


def plan_draft(vault: Vault, title: str) -> DraftPlan:
    """Where the draft for ``title`` goes; raises DraftError (UnsafePathError) when that place
    is not safely inside the vault."""
    settings = vault.settings
    path = planned_draft_path(
        vault.root, settings.drafts_folder, title, max_length=settings.filename_max_length
    )
    return DraftPlan(path, vault.relative(path), path.stem)


def plan_note(vault: Vault, from_relative: str, target: str) -> Path | None:
    """Where 'Create note' puts a note for an unresolved link target, or None when there is no
    safe place for it.

    A plain name goes to the vault root (Obsidian's default for new notes); a name with a
    folder part to that folder (an existing folder however its name is cased); './' and '../'
    targets are relative to the linking note. A target that already leads to a note gets no
    other: it would take that note's links. The drafts' path rules (:mod:`naming`) decide
    what is safe; the name is kept as written (the link must resolve to the new note), but
    for invisible format characters, which no new filename holds, so a name those rules
    would change otherwise gets no note.
    """
    if vault.resolve(target, from_relative).path is not None:
        return None
    name = target.strip().replace("\\", "/")
    if name.lower().endswith(NOTE_SUFFIX):
        name = name[: -len(NOTE_SUFFIX)]
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
    return planned.with_name(new_name(stem) + NOTE_SUFFIX)
