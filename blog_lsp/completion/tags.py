"""Which tags to offer for a tag being typed, best first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blog_lsp.completion.index import CompletionIndex
    from blog_lsp.cursor.completion_context import TagContext
    from blog_lsp.vault.model import Note


def tag_counts(
    index: CompletionIndex, note: Note, relative: str, context: TagContext, offset: int
) -> dict[str, int]:
    """Casefolded tag -> how many notes use it, the tag being typed at ``offset`` in ``note``
    (its full parse, at ``relative``) left out: the index already holds this document with
    the half-typed tag, which is not a use of it unless the tag also stands elsewhere in the
    note."""
    counts = dict(index.tag_notes)
    assert note.text is not None and note.lines is not None
    folded = note.text[context.start : context.end].casefold()
    if folded not in index.note_tags(relative) or folded not in counts:
        return counts
    cursor = note.lines.position(offset)
    elsewhere = any(
        tag.name.casefold() == folded and not tag.range.contains(cursor) for tag in note.tags
    )
    if not elsewhere:
        counts[folded] -= 1
    return counts


def rank_tags(
    index: CompletionIndex,
    counts: dict[str, int],
    vocabulary: Sequence[str],
    context: TagContext,
    relevance: Mapping[str, int] | None = None,
) -> list[tuple[str, int]]:
    """The tags (as most notes write them) that match what was typed, with how many notes use
    each: those it begins first, then those with a nested part it begins, then those holding
    it; within each, the tags suggested for the note first (``relevance``: casefolded tag ->
    its rank among the suggestions, 0 first), then the more used, then the vocabulary's
    suggestions in its order. Tags already in the same list are left out."""
    candidates: dict[str, tuple[str, int, int]] = {}  # folded -> (name, notes, order)
    for folded, notes in counts.items():
        if notes > 0:
            candidates[folded] = (index.spelling(folded), notes, 0)
    for order, name in enumerate(vocabulary, 1):
        candidates.setdefault(name.casefold(), (name, 0, order))
    typed = context.typed.casefold()
    relevance = relevance or {}
    unranked = len(relevance)
    ranked = []
    for folded, (name, notes, order) in candidates.items():
        if folded in context.listed:
            continue
        if folded.startswith(typed):
            group = 0
        elif any(part.startswith(typed) for part in folded.split("/")[1:]):
            group = 1
        elif typed in folded:
            group = 2
        else:
            continue
        suggested = relevance.get(folded, unranked)
        ranked.append(((group, suggested, -notes, order, folded), name, notes))
    ranked.sort()
    return [(name, notes) for _, name, notes in ranked]
