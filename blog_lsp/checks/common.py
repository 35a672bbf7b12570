"""What several families of draft rules read: the frontmatter when it can be judged, a field
that is there, the title as written, and text folded for comparing a title with a name."""

from __future__ import annotations

import re
from typing import Any

from blog_lsp.checks.framework import CheckContext
from blog_lsp.vault.model import Frontmatter, FrontmatterField, Note


def judged_frontmatter(note: Note, context: CheckContext) -> Frontmatter | None:
    """The draft's frontmatter when its fields can be judged: a draft, with a frontmatter
    that parsed (a YAML error is frontmatter-invalid's to report)."""
    front = note.frontmatter
    if front is None or front.error is not None or not front.closed:
        return None
    if not context.vault.is_draft(note):
        return None
    return front


def body_line(note: Note) -> int:
    """The line the body starts on: the one after the frontmatter (after its first line when
    it is never closed)."""
    front = note.frontmatter
    if front is None:
        return 0
    return front.range.end.line + 1 if front.closed else 1


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return all(is_empty(item) for item in value)
    return False


def present_field(note: Note, context: CheckContext, key: str) -> FrontmatterField | None:
    """A draft's field that is there and not empty (empty ones are
    frontmatter-field-missing's), when the frontmatter can be judged."""
    front = judged_frontmatter(note, context)
    found = front.fields.get(key) if front is not None else None
    return None if found is None or is_empty(found.value) else found


def frontmatter_title(note: Note) -> str | None:
    """The title as written in the frontmatter (not the filename fallback)."""
    title = note.frontmatter_value("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return None


_APOSTROPHES = re.compile(r"['’]")
_NOT_WORD = re.compile(r"[\W_]+")


def loose(text: str) -> str:
    """Text folded for the filename/title comparison: case, punctuation, '-' against ' '."""
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", text.casefold())).split())
