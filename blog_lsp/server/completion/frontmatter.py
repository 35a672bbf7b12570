"""The items of a draft's frontmatter: the required keys it lacks, and the values of `date`,
`type` and `status`."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from lsprotocol import types

from blog_lsp.server.completion.request import CompletionRequest

if TYPE_CHECKING:
    from blog_lsp.cursor.completion_context import KeyContext, ValueContext


def key_items(request: CompletionRequest, context: KeyContext) -> types.CompletionList | None:
    from blog_lsp.drafting.yaml_text import yaml_scalar

    settings = request.settings
    declared = (context.declared_type or "").casefold() == "blog"
    if not (declared or request.vault.is_draft(request.note)):
        return None  # only drafts have required fields
    missing = [key for key in settings.required_fields if key not in context.present]
    where = request.edit_range(context.start, context.end)
    snippets = request.snippets
    today = datetime.date.today().isoformat()
    status = "draft" if "draft" in settings.status_values else ""
    if not status and settings.status_values:
        status = settings.status_values[0]
    values = {
        "type": "Blog",
        "title": yaml_scalar(request.note.stem),
        "date": f"'{today}'",
        "tags": f"[{settings.blog_tag}]",
        "status": status,
    }
    items = []
    for rank, key in enumerate(missing):
        value = values.get(key, "")
        plain = f"{key}: {value}"
        if not snippets:
            text = plain
        elif key == "date":
            text = f"{key}: '${{1:{today}}}'"
        elif key == "tags":
            text = f"{key}: [{_escape_snippet(settings.blog_tag)}$1]"
        elif value:
            text = f"{key}: ${{1:{_escape_snippet(value)}}}"
        else:
            text = f"{key}: $1"
        items.append(
            types.CompletionItem(
                label=key,
                kind=types.CompletionItemKind.Property,
                detail=plain.rstrip(),
                documentation="A field every blog draft needs.",
                filter_text=key,
                sort_text=f"{rank:04d}",
                insert_text_format=(
                    types.InsertTextFormat.Snippet if snippets else types.InsertTextFormat.PlainText
                ),
                text_edit=types.TextEdit(range=where, new_text=text),
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)


def value_items(request: CompletionRequest, context: ValueContext) -> types.CompletionList:
    from blog_lsp.drafting.yaml_text import yaml_scalar

    where = request.edit_range(context.start, context.end)
    if context.key == "date":
        today = datetime.date.today().isoformat()
        quoted = context.typed[:1] in ("'", '"')
        choices = [(today, f"'{today}'", f"'{today}'" if quoted else today)]
        detail = "today"
    else:
        names = ["Blog"] if context.key == "type" else list(request.settings.status_values)
        choices = [(name, yaml_scalar(name), name) for name in names]
        detail = f"a {context.key} for blog drafts"
    items = [
        types.CompletionItem(
            label=label,
            kind=types.CompletionItemKind.Value,
            detail=detail,
            filter_text=filter_text,
            sort_text=f"{rank:04d}",
            text_edit=types.TextEdit(range=where, new_text=text),
        )
        for rank, (label, text, filter_text) in enumerate(choices)
    ]
    return types.CompletionList(is_incomplete=False, items=items)


def _escape_snippet(text: str) -> str:
    """Text as a snippet shows it: '$', '}' and '\\' escaped."""
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")
