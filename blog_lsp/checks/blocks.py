"""The Markdown blocks of a section of a draft (paragraphs, lists, code, tables...), read as a
Markdown renderer reads them, for the rules that count paragraphs or look for a list.

Where a paragraph ends, whether a line starts a list or continues a paragraph, what a table
is: CommonMark answers these with many small rules, so markdown-it-py reads the blocks
(CommonMark with GitHub's tables, as Obsidian renders them). Only its block pass runs: the
inline pass is most of its time, and no rule here needs it. Obsidian's own blocks, which
CommonMark does not know, are handed to it in a form it reads the same way: a ``$$`` math
block as a code block, a ``%%`` comment (shown to no reader) as blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt

from blog_lsp.vault.blocks import block_spans
from blog_lsp.vault.model import Heading, Note

# Block kinds: "paragraph", "list", "code", "table", "quote", "html", "heading", "break".
_KINDS = {
    "paragraph_open": "paragraph",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "fence": "code",
    "code_block": "code",
    "table_open": "table",
    "blockquote_open": "quote",
    "html_block": "html",
    "heading_open": "heading",
    "hr": "break",
}


@dataclass(frozen=True, slots=True)
class Block:
    """One top-level block: its kind, its lines in the note (``end`` exclusive), a list's own
    items (not those of lists nested in it) and a paragraph's text."""

    kind: str
    start: int
    end: int
    items: int = 0
    text: str = ""


@cache
def _reader() -> MarkdownIt:
    # No setext headings: the vault's parser knows only '#' headings, and the template's
    # '---' before the footer would otherwise turn the paragraph above it into a heading.
    reader = MarkdownIt("commonmark").enable("table").disable("lheading")
    return reader.disable(["inline", "text_join"])


def section_end(note: Note, heading: Heading) -> int:
    """The line after a section: the next heading of its level or above, else the note's end."""
    line = heading.range.start.line
    for other in note.headings:
        if other.range.start.line > line and other.level <= heading.level:
            return other.range.start.line
    return note.lines.line_count if note.lines is not None else line + 1


def section_blocks(note: Note, heading: Heading) -> list[Block]:
    """The top-level blocks of a section, from the line after its heading to its end."""
    if note.text is None or note.lines is None:
        return []
    first = heading.range.start.line + 1
    end = section_end(note, heading)
    if first >= end:
        return []
    source = _with_obsidian_blocks(note, first, end)
    blocks: list[Block] = []
    tokens = _reader().parse(source)
    for index, token in enumerate(tokens):
        kind = _KINDS.get(token.type)
        if kind is None or token.level != 0 or token.map is None:
            continue
        start, stop = token.map
        items = 0
        text = ""
        if kind == "list":
            for inner in tokens[index + 1 :]:
                if inner.level == 0:  # the list's closing token
                    break
                items += inner.type == "list_item_open" and inner.level == 1
        elif kind == "paragraph":
            text = tokens[index + 1].content
        blocks.append(Block(kind, first + start, first + stop, items, text))
    return blocks


def _with_obsidian_blocks(note: Note, first: int, end: int) -> str:
    """The section's lines, with ``$$`` math blocks as fenced code and ``%%`` comments as
    blank lines (line for line, so that line numbers stay the note's)."""
    assert note.text is not None and note.lines is not None
    lines = note.lines
    text = note.text
    begin, finish = lines.line_start(first), lines.line_end(end - 1)
    section = text[begin:finish].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if "$$" not in text[begin:finish] and "%%" not in text[begin:finish]:
        return "\n".join(section)
    scan = text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text
    for span_start, span_end in block_spans(scan, begin, finish):
        opener = scan[span_start : span_start + 2]
        if opener not in ("$$", "%%"):
            continue  # fences and HTML comments markdown-it reads itself
        top = lines.position(span_start).line - first
        bottom = lines.position(max(span_start, span_end - 1)).line - first
        for line in range(max(top, 0), min(bottom, len(section) - 1) + 1):
            section[line] = ""
        if opener == "$$" and 0 <= top < len(section):
            section[top] = "```"
            if bottom > top and bottom < len(section):
                section[bottom] = "```"
    return "\n".join(section)
