"""The blocks of a note's body that hold no prose: fenced code, $$ math, %% and HTML
comments (:func:`block_spans`), indented code (:func:`indented_code`) and HTML code elements
(:func:`raw_html`). The parser masks them; checks that look at code blocks read them here."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Lines that may open or close a block: fences (also inside lists and quotes), $$ math,
# %% comments and HTML comments.
_BLOCK_LINE = re.compile(
    r"^[ \t>]*(?:(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)|(?P<opener>\$\$|%%|<!--)(?P<rest>[^\n]*))$",
    re.MULTILINE,
)
_CLOSERS = {"$$": "$$", "%%": "%%", "<!--": "-->"}
# HTML elements whose text is code or data, not prose: <pre>, <code>, <kbd>...
_RAW_HTML_OPEN = re.compile(r"<(pre|code|kbd|samp|var|script|style)(?:\s[^<>]*)?>", re.IGNORECASE)
# An indented code block starts after a blank line with four columns of indentation.
INDENTED_AFTER_BLANK = re.compile(r"\n[ \t]*\n(?: {4}| {0,3}\t)")
_LIST_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
TAB_WIDTH = 4


def block_spans(
    scan_text: str, body_start: int, until: int | None = None
) -> Iterator[tuple[int, int]]:
    """(start, end) of each code, math or comment block of the body, in order; an unclosed
    block runs to the end. ``until`` stops at blocks that open after that offset.

    ``scan_text`` has '\n' line breaks only (see :class:`_Scanner`)."""
    search = _BLOCK_LINE.search
    match = search(scan_text, body_start)
    while match is not None and (until is None or match.start() <= until):
        fence = match.group("fence")
        if fence is not None:
            if fence[0] == "`" and "`" in match.group("info"):
                match = search(scan_text, match.end())  # inline code, not a fence
                continue
            closing = search(scan_text, match.end())
            while closing is not None and not (
                (found := closing.group("fence")) is not None
                and found[0] == fence[0]
                and len(found) >= len(fence)
                and not closing.group("info").strip()
            ):
                closing = search(scan_text, closing.end())
            begin, end = match.start(), len(scan_text) if closing is None else closing.end()
        else:
            closer = _CLOSERS[match.group("opener")]
            if closer in match.group("rest"):
                match = search(scan_text, match.end())  # opens and closes on one line
                continue
            begin = match.start("opener")
            found_at = scan_text.find(closer, match.end())
            end = len(scan_text) if found_at < 0 else found_at + len(closer)
        yield begin, end
        if end >= len(scan_text):
            return
        match = search(scan_text, end)


def _indent(line: str) -> int:
    """Columns of leading white space, tabs to the next multiple of four."""
    columns = 0
    for char in line:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += TAB_WIDTH - columns % TAB_WIDTH
        else:
            break
    return columns


def indented_at(text: str, start: int) -> bool:
    line_start = text.find("\n", start) + 1 if start > 0 and text[start - 1] != "\n" else start
    return text.startswith(("    ", "\t", " \t", "  \t", "   \t"), line_start)


def indented_code(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each indented code block between ``start`` and ``end``: lines indented
    four columns or more after a blank line, outside lists (where such lines continue an item),
    up to the next line indented less."""
    blank_before = True  # the gap starts a body or follows a block
    in_list = False
    block_start = -1
    position = start
    if start > 0 and text[start - 1] != "\n":  # the rest of a line a block ended on
        position = text.find("\n", start, end) + 1 or end
        blank_before = not text[start:position].strip()
    while position < end:
        line_end = text.find("\n", position, end)
        if line_end < 0:
            line_end = end
        line = text[position:line_end]
        if not line.strip():
            blank_before = True
        else:
            indent = _indent(line)
            if block_start >= 0 and indent < TAB_WIDTH:
                yield block_start, position
                block_start = -1
            if block_start < 0:
                if indent >= TAB_WIDTH and blank_before and not in_list:
                    block_start = position
                elif _LIST_ITEM.match(line):
                    in_list = True
                elif indent == 0 and blank_before:
                    in_list = False  # a paragraph after a blank line ends the list
            blank_before = False
        position = line_end + 1
    if block_start >= 0:
        yield block_start, end


def raw_html(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each HTML code element (<pre>, <code>...) with its closing tag. A tag
    that is never closed masks nothing; each tag name is searched for once at most to its end."""
    closers: dict[str, re.Pattern[str]] = {}
    unclosed: set[str] = set()
    position = start
    while True:
        opening = _RAW_HTML_OPEN.search(text, position, end)
        if opening is None:
            return
        name = opening.group(1).lower()
        position = opening.end()
        if name in unclosed:
            continue
        closer = closers.get(name)
        if closer is None:
            closer = closers[name] = re.compile(rf"</{name}\s*>", re.IGNORECASE)
        closing = closer.search(text, position, end)
        if closing is None:
            unclosed.add(name)
            continue
        yield opening.start(), closing.end()
        position = closing.end()
