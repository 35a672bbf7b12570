"""Why a draft or a note could not be created: one base, with a message for the writer."""

from __future__ import annotations

from pathlib import Path


class DraftError(Exception):
    """A draft could not be created; the message says why, for the writer."""


class UnsafePathError(DraftError):
    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = path
        super().__init__(f"blog-lsp will not write to {path}: {reason}.")
