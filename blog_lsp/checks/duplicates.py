"""The duplicate-draft rule: another draft has nearly the same title, or nearly the same
content (``data``'s ``other`` is its path, ``score`` the similarity, 0-100, and ``match``
which of the two it is: ``title`` or ``content``)."""

from __future__ import annotations

from collections.abc import Iterator

from blog_lsp.checks.common import judged_frontmatter
from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.drafting.similar import SimilarDraft, find_duplicate_drafts
from blog_lsp.findings import Finding
from blog_lsp.text import START
from blog_lsp.vault.model import Note


def _message(other: SimilarDraft) -> str:
    if other.match == "title":
        return f"Another draft, '{other.path}', has nearly the same title: '{other.title}'."
    return (
        f"Another draft, '{other.path}' ('{other.title}'), has nearly the same content: "
        f"{round(other.score)}% of the shorter draft's wording is in the other."
    )


@makes("duplicate-draft")
def check_duplicate(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault_ready or not context.vault.is_draft(note):
        return
    similar = find_duplicate_drafts(context.vault, note.title, note.prose or "", exclude=note.path)
    if not similar:
        return
    front = judged_frontmatter(note, context)
    title_field = front.fields.get("title") if front is not None else None
    where = title_field.value_range if title_field is not None else START
    for other in similar:
        yield finding(
            "duplicate-draft",
            where,
            _message(other),
            other=other.path,
            score=round(other.score),
            match=other.match,
        )


CHECKS = [check_duplicate]
