"""What to offer after '#' in a link: the target note's headings, or after '#^' its block
ids, best match first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from blog_lsp.completion.ranking import closeness_order
from blog_lsp.names import search_key
from blog_lsp.vault.model import Note


@dataclass(frozen=True, slots=True)
class SubpathChoice:
    label: str
    linked: str  # the text in the link
    detail: str
    documentation: str | None  # a block's text


def subpath_choices(
    target_note: Note, subpath: str, owner: str, lines: Callable[[Note], list[str]]
) -> list[SubpathChoice]:
    """The headings (for ``subpath`` typed after '#') or block ids (after '#^') of
    ``target_note`` (``owner`` names it in the details), best matches first, else in the
    note's order; ``lines`` gives the note's lines, to show each block's text (asked only
    when blocks are offered)."""
    from blog_lsp.cursor.completion_context import link_heading

    entries: list[SubpathChoice]
    if subpath.startswith("^"):
        query = subpath[1:]
        text_lines = lines(target_note) if target_note.block_ids else []
        entries = []
        for block in target_note.block_ids:
            marker = f"^{block.id}"
            line = block.range.start.line
            shown = text_lines[line].replace(marker, "").strip() if line < len(text_lines) else ""
            entries.append(SubpathChoice(marker, marker, f"block in {owner}", shown or None))
    else:
        query = subpath
        entries = [
            SubpathChoice(heading.text, linked, f"{'#' * heading.level} heading in {owner}", None)
            for heading in target_note.headings
            if (linked := link_heading(heading.text))
        ]
    order = list(range(len(entries)))
    wanted = search_key(query)
    if wanted:  # best matches first, else in the note's order
        order = closeness_order(wanted, [search_key(entry.linked) for entry in entries])
    return [entries[position] for position in order]
