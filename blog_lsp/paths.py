"""Paths as the file system has them, without the surprises of ``Path.resolve``: a light
module, so that the server can use it before the vault model is imported."""

from __future__ import annotations

from pathlib import Path


def resolve_path(path: Path) -> Path:
    """``path.resolve()``, except that a symbolic link loop (an error in Python 3.11) is kept
    as it is, in its resolved folder."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path if path.parent == path else resolve_path(path.parent) / path.name


def resolve_folders(path: Path) -> Path:
    """The absolute path with its folders resolved but not its last part: a note that is a
    symbolic link keeps its own name, and a loop is never followed."""
    return resolve_path(path.parent) / path.name
