"""The items of a tag being typed, inline ('#ml') or in the frontmatter's `tags` list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from blog_lsp.completion.ranking import MAX_ITEMS
from blog_lsp.completion.tags import rank_tags, tag_counts
from blog_lsp.server.completion.request import CompletionRequest

if TYPE_CHECKING:
    from blog_lsp.cursor.completion_context import TagContext


def tag_items(request: CompletionRequest, context: TagContext) -> types.CompletionList:
    from blog_lsp.drafting.yaml_text import yaml_scalar

    index = request.index
    counts = tag_counts(index, request.note, request.located.relative, context, request.offset)
    relevance = request.relevance
    suggested = relevance.tag_ranks() if relevance is not None else None
    ranked = rank_tags(index, counts, request.settings.tag_vocabulary, context, suggested)
    where = request.edit_range(context.start, context.end)
    items = []
    for rank, (name, notes) in enumerate(ranked[:MAX_ITEMS]):
        if context.quoted or context.place in ("inline", "string"):
            text = name
        else:
            text = yaml_scalar(name, flow=context.place == "flow")
        if notes:
            detail = f"used in {notes} note{'' if notes == 1 else 's'}"
        else:
            detail = "suggested tag, not used yet"
        items.append(
            types.CompletionItem(
                label=name,
                kind=types.CompletionItemKind.Keyword,
                detail=detail,
                filter_text=name,
                sort_text=f"{rank:04d}",
                text_edit=types.TextEdit(range=where, new_text=text),
            )
        )
    return types.CompletionList(is_incomplete=len(ranked) > MAX_ITEMS, items=items)
