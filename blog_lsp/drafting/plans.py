"""Where a new draft, or a note for an unresolved link, goes in a vault; nothing is written.

The server's commands and code actions plan with these before they create anything.
"""

from __future__ import annotations

import json
import logging
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

log = logging.getLogger(__name__)

# Obsidian's settings, where its "Default location for new notes" is kept.
APP_SETTINGS = ".obsidian/app.json"
# The largest app.json read: Obsidian's is a few hundred bytes.
_LARGEST_APP_SETTINGS = 1 << 20

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


def _folder_of(relative: str) -> str:
    return relative.rsplit("/", 1)[0] if "/" in relative else ""


def new_note_folder(vault_root: Path, from_relative: str) -> str:
    """The folder (relative to the vault, '' for its root) where Obsidian puts a new note made
    from a link in the note ``from_relative``: its app.json's ``newFileLocation``, "root" (the
    default), "current" (the linking note's folder) or "folder" (``newFileFolderPath``). A
    missing or unreadable app.json, or a value blog-lsp does not know, means the root."""
    path = vault_root / APP_SETTINGS
    try:
        with open(path, "rb") as file:
            data = file.read(_LARGEST_APP_SETTINGS + 1)
        if len(data) > _LARGEST_APP_SETTINGS:
            raise ValueError("it is too large to be Obsidian's settings")
        settings = json.loads(data.decode("utf-8"))
    except FileNotFoundError:
        log.debug("no %s: new notes go to the vault's root", path)
        return ""
    except (OSError, ValueError) as error:  # JSON and Unicode errors are ValueErrors
        log.warning("could not read %s (%s): new notes go to the vault's root", path, error)
        return ""
    location = settings.get("newFileLocation", "root") if isinstance(settings, dict) else None
    if location == "current":
        return _folder_of(from_relative)
    if location == "folder":
        folder = settings.get("newFileFolderPath")
        if isinstance(folder, str):
            return folder.replace("\\", "/").strip().strip("/")
        log.warning("%s has no newFileFolderPath: new notes go to the vault's root", path)
        return ""
    if location != "root":
        log.warning(
            "%s: newFileLocation %r is not root, current or folder: new notes go to the "
            "vault's root",
            path,
            location,
        )
    return ""


def plan_note(vault: Vault, from_relative: str, target: str) -> Path | None:
    """Where 'Create note' puts a note for an unresolved link target, or None when there is no
    safe place for it.

    A plain name goes where Obsidian would put it (:func:`new_note_folder`: the vault's root
    by default); a name with a folder part to that folder (an existing folder however its
    name is cased); './' and '../' targets are relative to the linking note. A target that
    already leads to a note gets no other: it would take that note's links. The drafts' path
    rules (:mod:`naming`) decide what is safe; the name is kept as written (the link must
    resolve to the new note), but for invisible format characters, which no new filename
    holds, so a name those rules would change otherwise gets no note.
    """
    if vault.resolve(target, from_relative).path is not None:
        return None
    name = target.strip().replace("\\", "/")
    with_folder = "/" in name  # a link's own folder (or './') is kept, wherever new notes go
    if name.lower().endswith(NOTE_SUFFIX):
        name = name[: -len(NOTE_SUFFIX)]
    if name.startswith(("./", "../")):
        name = posixpath.normpath(posixpath.join(_folder_of(from_relative), name))
        if name == ".." or name.startswith("../"):
            return None
    name = name.lstrip("/")
    folder, _, stem = name.rpartition("/")
    if not with_folder:
        folder = new_note_folder(vault.root, from_relative)
        # A folder outside the vault, or hidden, is a mistake in app.json, not a place.
        if any(part.startswith(".") for part in folder.split("/")):
            log.warning("new notes go to the vault's root, not to the folder %r", folder)
            folder = ""
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
