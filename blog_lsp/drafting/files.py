"""Writing a new draft or note safely: never over an existing file (nor one whose name differs
only in case or Unicode form), never outside the vault."""

from __future__ import annotations

import contextlib
from pathlib import Path

from blog_lsp.drafting.errors import DraftError
from blog_lsp.drafting.naming import (
    blank_title_problem,
    check_inside,
    planned_draft_path,
    spelt_on_disk,
)
from blog_lsp.drafting.template import DraftSpec, render_checked_draft
from blog_lsp.paths import resolve_folders, resolve_path


class DraftExistsError(DraftError):
    def __init__(self, path: Path, vault_root: Path | None = None) -> None:
        self.path = path
        super().__init__(
            f"{exists_message(path, vault_root)} Choose another title, or open the existing note."
        )


def exists_message(path: Path, vault_root: Path | None = None) -> str:
    """The refusal for a file that is there, naming it relative to the vault as every other
    message does (as given when it is not under the vault)."""
    shown: Path | str = path
    if vault_root is not None:
        with contextlib.suppress(ValueError):
            shown = resolve_folders(path).relative_to(resolve_path(vault_root)).as_posix()
    return f"A note already exists at '{shown}'; blog-lsp never overwrites a file."


def existing_file(path: Path) -> Path | None:
    """The file at ``path``, or one in the same folder whose name differs only in case or
    Unicode form (Obsidian's links ignore case, so the two would be confused), or a dangling
    link there."""
    if path.exists() or path.is_symlink():
        return path
    found = spelt_on_disk(path.parent, path.name)
    return None if found is None else path.parent / found


def create_draft(
    vault_root: Path,
    drafts_folder: str,
    spec: DraftSpec,
    *,
    max_length: int = 60,
) -> Path:
    """Write the new draft ``spec`` says into the drafts folder and return its path.

    Never overwrites (:class:`DraftExistsError`), never writes outside the vault
    (:class:`UnsafePathError`); other failures raise :class:`DraftError`.
    """
    root = Path(vault_root).resolve()
    if not root.is_dir():
        raise DraftError(f"The vault folder {vault_root} does not exist.")
    problem = blank_title_problem(spec.title)
    if problem is not None:
        raise DraftError(problem[:1].upper() + problem[1:] + ".")
    path = planned_draft_path(root, drafts_folder, spec.title, max_length=max_length)
    text = render_checked_draft(spec)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DraftError(
            f"Could not create the drafts folder {path.parent}: {error.strerror or error}."
        ) from error
    # Checked again now the folder exists: a link created meanwhile must not lead outside.
    check_inside(root, path.parent)
    existing = existing_file(path)
    if existing is not None:
        raise DraftExistsError(existing, root)
    try:
        # Mode "x" is O_CREAT | O_EXCL: it fails on any existing file, even a dangling link.
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError as error:
        raise DraftExistsError(path, root) from error
    except OSError as error:
        raise DraftError(f"Could not write the draft {path}: {error.strerror or error}.") from error
    return path


def write_new_file(vault_root: Path, path: Path, text: str) -> None:
    """Write a new file (a note whose place is planned): never over an existing one, never
    outside the vault; raises :class:`DraftError` with a message for the writer."""
    root = resolve_path(vault_root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Checked again now the folders exist: a link created meanwhile must not lead outside.
        if not resolve_path(path.parent).is_relative_to(root):
            raise DraftError(f"blog-lsp will not write outside the vault {root}.")
        # Mode "x" (O_CREAT | O_EXCL) fails on any existing file, even a dangling link.
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError as error:
        raise DraftError(exists_message(path, vault_root)) from error
    except OSError as error:
        raise DraftError(f"Could not write '{path}': {error.strerror or error}.") from error
