"""Frontmatter: find the YAML block, parse it with positions, read tags and aliases from it."""

from __future__ import annotations

import re

from blog_lsp.text import LineIndex, Position, Range
from blog_lsp.vault.model import Frontmatter, FrontmatterField

_OPENING = re.compile(r"\A\ufeff?---[ \t]*(?:\r\n|\r|\n)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_LIST_SEPARATOR = re.compile(r"[^,\s]+")


def find_block(text: str) -> tuple[int, int, int] | None:
    """Offsets of the YAML block: (yaml start, yaml end, end of the closing line), or None.

    Returns (start, -1, -1) when the opening '---' has no closing line.
    """
    opening = _OPENING.match(text)
    if opening is None:
        return None
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        return opening.end(), -1, -1
    return opening.end(), closing.start(), closing.end()


def _scalar_items(
    value: str, value_range: Range, style: str | None
) -> tuple[tuple[str, Range], ...]:
    """Items of a list written as one string ('a, b' or 'a b'), with a range each."""
    if value_range.start.line != value_range.end.line:
        return tuple((part, value_range) for part in _LIST_SEPARATOR.findall(value))
    shift = value_range.start.character + (1 if style in ("'", '"') else 0)
    line = value_range.start.line
    return tuple(
        (match.group(), Range.on_line(line, shift + match.start(), shift + match.end()))
        for match in _LIST_SEPARATOR.finditer(value)
    )


def parse(text: str, lines: LineIndex) -> Frontmatter | None:
    """The note's frontmatter, or None when the note has none. Never raises."""
    block = find_block(text)
    if block is None:
        return None
    start, end, closing_end = block
    opening_range = Range(Position(0, 0), lines.position(start))
    if end < 0:
        return Frontmatter(
            range=opening_range,
            fields={},
            error="The frontmatter is never closed: add a line with '---' after its last field.",
            error_range=Range(Position(0, 0), Position(0, 3)),
            closed=False,
        )
    whole = Range(Position(0, 0), lines.position(closing_end))
    first_line = 1
    source = text[start:end]
    simple = _simple_fields(source, first_line)
    if simple is not None:
        return Frontmatter(range=whole, fields=simple)
    from blog_lsp.vault.frontmatter_yaml import parse_yaml

    return parse_yaml(source, whole, first_line)


def string_items(field: FrontmatterField | None) -> list[tuple[str, Range]]:
    """Entries of a list-like field in every form Obsidian accepts: list, 'a, b', 'a b'."""
    if field is None or field.value is None:
        return []
    if field.items:
        return [(text.strip(), where) for text, where in field.items if text.strip()]
    if isinstance(field.value, str) and field.value.strip():
        return list(_scalar_items(field.value, field.value_range, field.style))
    if isinstance(field.value, (int, float)) and not isinstance(field.value, bool):
        return [(str(field.value), field.value_range)]
    return []


def alias_items(field: FrontmatterField | None) -> list[str]:
    """Aliases: a list, or one string with commas (a lone string may hold spaces)."""
    if field is None or field.value is None:
        return []
    if isinstance(field.value, list):
        return [str(item).strip() for item in field.value if str(item).strip()]
    if isinstance(field.value, str):
        return [part.strip() for part in field.value.split(",") if part.strip()]
    return []


# -- a fast path for the frontmatter most notes have ------------------------------------------
#
# Composing YAML nodes with positions costs ~70 us a note, most of the time it takes to index a
# vault. Most frontmatter is 'key: text', 'key: [a, b]' and block lists of plain words; this
# reads exactly that subset, giving the same values and ranges as the YAML composer (a test
# compares them), and hands anything else (numbers, dates, booleans, escapes, nesting, comments
# after values...) to the real YAML parser.

_SIMPLE_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*):(?:([ \t]+)(.*?))?[ \t]*$")
_SIMPLE_ITEM = re.compile(r"([ \t]*)- (.*?)[ \t]*$")
_NOT_PLAIN_TEXT = frozenset(
    [
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "null",
        "Null",
        "NULL",
    ]
)


def _simple_scalar(raw: str, in_flow: bool) -> tuple[str, str] | None:
    """(value, style) for a scalar that is text for certain, else None."""
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        inner = raw[1:-1]
        return None if "'" in inner else (inner, "'")
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        inner = raw[1:-1]
        return None if ('"' in inner or "\\" in inner) else (inner, '"')
    if not raw or not raw[0].isalpha() or raw in _NOT_PLAIN_TEXT:
        return None
    if ": " in raw or " #" in raw or raw.endswith(":") or "\t" in raw:
        return None
    if in_flow and any(ch in raw for ch in ",[]{}\"'"):
        return None
    return raw, ""


def _simple_flow_list(
    raw: str, line: int, column: int
) -> tuple[list[str], tuple[tuple[str, Range], ...]] | None:
    inner = raw[1:-1]
    if not inner.strip():
        return [], ()
    values: list[str] = []
    items: list[tuple[str, Range]] = []
    offset = column + 1
    for part in inner.split(","):
        stripped = part.strip()
        scalar = _simple_scalar(stripped, in_flow=True)
        if scalar is None:
            return None
        begin = offset + (len(part) - len(part.lstrip()))
        values.append(scalar[0])
        items.append((scalar[0], Range.on_line(line, begin, begin + len(stripped))))
        offset += len(part) + 1
    return values, tuple(items)


def _simple_fields(source: str, first_line: int) -> dict[str, FrontmatterField] | None:
    """The fields of a frontmatter written in the simple subset, or None to use YAML."""
    if "\r" in source or "\t" in source:
        return None
    rows = source.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    fields: dict[str, FrontmatterField] = {}
    index = 0
    while index < len(rows):
        row = rows[index]
        line = first_line + index
        match = _SIMPLE_KEY.match(row)
        if match is None or match.group(1) in fields:
            return None
        key, raw = match.group(1), match.group(3) or ""
        key_range = Range.on_line(line, 0, len(key))
        column = match.start(3) if match.group(3) is not None else len(row)
        index += 1
        if raw.startswith("["):
            if not raw.endswith("]"):
                return None
            parsed = _simple_flow_list(raw, line, column)
            if parsed is None:
                return None
            value, items = parsed
            fields[key] = FrontmatterField(
                key, key_range, value, Range.on_line(line, column, column + len(raw)), None, items
            )
            continue
        if raw:
            scalar = _simple_scalar(raw, in_flow=False)
            if scalar is None:
                return None
            fields[key] = FrontmatterField(
                key,
                key_range,
                scalar[0],
                Range.on_line(line, column, column + len(raw)),
                scalar[1],
            )
            continue
        # 'key:' alone: a block list follows, or the value is empty (null).
        values: list[str] = []
        block_items: list[tuple[str, Range]] = []
        first_item: Position | None = None
        while index < len(rows) and (item := _SIMPLE_ITEM.match(rows[index])) is not None:
            scalar = _simple_scalar(item.group(2), in_flow=False)
            if scalar is None:
                return None
            item_line = first_line + index
            begin = item.start(2)
            if first_item is None:
                first_item = Position(item_line, len(item.group(1)))
            values.append(scalar[0])
            block_items.append(
                (scalar[0], Range.on_line(item_line, begin, begin + len(item.group(2))))
            )
            index += 1
        if first_item is None:
            if index < len(rows) and rows[index][:1] in (" ", "-"):
                return None  # an indented block this subset does not read
            fields[key] = FrontmatterField(
                key, key_range, None, Range.on_line(line, column, column), ""
            )
            continue
        fields[key] = FrontmatterField(
            key,
            key_range,
            values,
            Range(first_item, Position(first_line + index, 0)),
            None,
            tuple(block_items),
        )
    return fields
