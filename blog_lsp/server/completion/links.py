"""The items of a wiki-link being typed: notes, titles, aliases and attachments for its
target, headings and blocks after '#', display texts after '|'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from blog_lsp.completion.index import without_suffix
from blog_lsp.completion.ranking import MAX_ITEMS
from blog_lsp.completion.subpaths import subpath_choices
from blog_lsp.server.completion.request import CompletionRequest

if TYPE_CHECKING:
    from blog_lsp.cursor.completion_context import LinkContext
    from blog_lsp.vault.index import LinkName as LinkChoice
    from blog_lsp.vault.model import Note


def link_items(request: CompletionRequest, context: LinkContext) -> types.CompletionList:
    where = request.edit_range(context.start, context.end)
    if context.alias is not None:
        items = _display_texts(request, context, where)
        return types.CompletionList(is_incomplete=False, items=items)
    if context.subpath is not None:
        items = _subpaths(request, context, where)
        return types.CompletionList(is_incomplete=len(items) > MAX_ITEMS, items=items[:MAX_ITEMS])
    index = request.index
    if "/" in context.target:
        ranked, more = index.paths_matching(context.target)
    else:
        relevance = request.relevance
        ranked, more = index.rank_links(
            context.target, relevance.related_ranks() if relevance is not None else None
        )
    items = [
        _link_item(request, choice, context, where, rank) for rank, choice in enumerate(ranked)
    ]
    return types.CompletionList(is_incomplete=more, items=items)


def _link_item(
    request: CompletionRequest,
    choice: LinkChoice,
    context: LinkContext,
    where: types.Range,
    rank: int,
) -> types.CompletionItem:
    if choice.kind == "path":
        target = without_suffix(choice.path)
    else:
        target = request.index.link_text(choice, request.vault, request.located.relative)
    note_path = choice.path.rsplit("/", 1)
    if choice.kind in ("title", "alias"):
        detail = f"{choice.kind} of {without_suffix(note_path[-1])}"
        kind = types.CompletionItemKind.Reference
        # [[Note|Alias]]; only the note's name when the link already goes on ('#', '|').
        text = f"{target}|{choice.label}]]" if context.closing else target
    else:
        detail = note_path[0] if len(note_path) > 1 else "vault root"
        kind = types.CompletionItemKind.File
        text = target + context.closing
    return types.CompletionItem(
        label=choice.label,
        kind=kind,
        detail=detail,
        filter_text=choice.label,
        sort_text=f"{rank:04d}",
        text_edit=types.TextEdit(range=where, new_text=text),
    )


def _target_note(request: CompletionRequest, target: str) -> Note | None:
    """The note a link's target names: this document (its unsaved text) for an empty
    target or its own name, another open note's current text, else the index's copy."""
    if not target.strip():
        return request.note
    path = request.vault.resolve(target, request.located.relative).path
    if path is None:
        return None
    if path == request.located.relative:
        return request.note
    # An open note as the editor holds it now: the index takes its new text a moment later.
    document = request.ls.documents.by_path(str(request.vault.root / path))
    if document is not None:
        found = request.ls.document_note(document.uri)
        if found is not None:
            return found[1]
    return request.vault.notes.get(path)


def _subpaths(
    request: CompletionRequest, context: LinkContext, where: types.Range
) -> list[types.CompletionItem]:
    """After '#': the target note's headings, or after '#^' its block ids."""
    assert context.subpath is not None
    target_note = _target_note(request, context.target)
    if target_note is None:
        return []
    owner = "this note" if target_note is request.note else target_note.stem
    choices = subpath_choices(
        target_note, context.subpath, owner, lambda note: _lines_of(request, note)
    )
    head = context.target + "#"
    return [
        types.CompletionItem(
            label=choice.label,
            kind=types.CompletionItemKind.Reference,
            detail=choice.detail,
            documentation=choice.documentation,
            filter_text=head + choice.linked,
            sort_text=f"{rank:04d}",
            text_edit=types.TextEdit(range=where, new_text=head + choice.linked + context.closing),
        )
        for rank, choice in enumerate(choices)
    ]


def _lines_of(request: CompletionRequest, target_note: Note) -> list[str]:
    """The lines of the note whose blocks are offered, to show each block's text: one
    file read (none for an open note), only for block completion."""
    from blog_lsp.text import split_lines

    text = target_note.text
    if text is None:
        text = request.ls.note_text(request.vault, target_note.path)
    return split_lines(text) if text is not None else []


def _display_texts(
    request: CompletionRequest, context: LinkContext, where: types.Range
) -> list[types.CompletionItem]:
    """After '|': the target note's aliases and title, as the link's display text."""
    target_note = _target_note(request, context.target)
    if target_note is None or (target_note is request.note and not context.target.strip()):
        return []
    head = context.typed[: len(context.typed) - len(context.alias or "")]
    items = []
    from blog_lsp.vault.index import link_names

    for rank, choice in enumerate(link_names(target_note)[1:]):
        items.append(
            types.CompletionItem(
                label=choice.label,
                kind=types.CompletionItemKind.Reference,
                detail=f"{choice.kind} of {target_note.stem}",
                filter_text=head + choice.label,
                sort_text=f"{rank:04d}",
                text_edit=types.TextEdit(
                    range=where, new_text=head + choice.label + context.closing
                ),
            )
        )
    return items
