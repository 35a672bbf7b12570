"""Frontmatter: find the YAML block, parse it with positions, read tags and aliases from it."""

from __future__ import annotations

import re
from typing import Any

import yaml

from blog_lsp.text import LineIndex, Position, Range
from blog_lsp.vault.model import Frontmatter, FrontmatterField

# The C loader is several times faster; fall back to pure Python where libyaml is missing.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_OPENING = re.compile(r"\A\ufeff?---[ \t]*(?:\r\n|\r|\n)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
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


def _mark_range(first_line: int, node: yaml.Node) -> Range:
    start, end = node.start_mark, node.end_mark
    return Range(
        Position(first_line + start.line, start.column),
        Position(first_line + end.line, end.column),
    )


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


def _field(first_line: int, key: yaml.Node, node: yaml.Node, value: Any) -> FrontmatterField:
    value_range = _mark_range(first_line, node)
    style: str | None = None
    items: tuple[tuple[str, Range], ...] = ()
    if isinstance(node, yaml.ScalarNode):
        style = node.style or ""
    elif isinstance(node, yaml.SequenceNode):
        items = tuple(
            (str(item.value), _mark_range(first_line, item))
            for item in node.value
            if isinstance(item, yaml.ScalarNode) and str(item.value).strip()
        )
    return FrontmatterField(
        key=str(key.value),
        key_range=_mark_range(first_line, key),
        value=value,
        value_range=value_range,
        style=style,
        items=items,
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
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (
            Position(first_line + mark.line, mark.column)
            if mark is not None
            else Position(first_line, 0)
        )
        problem = error.problem or error.context or "invalid YAML"
        return Frontmatter(
            range=whole,
            fields={},
            error=f"The frontmatter is not valid YAML: {problem} (line {where.line + 1}, "
            f"column {where.character + 1}).",
            error_range=Range(where, Position(where.line, where.character + 1)),
        )
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError) as error:
        # The C loader's constructors raise plain errors (a date like 2025-13-45).
        return Frontmatter(
            range=whole,
            fields={},
            error=f"The frontmatter is not valid YAML: {error}.",
            error_range=Range(Position(first_line, 0), Position(first_line, 0)),
        )
    finally:
        loader.dispose()
    if node is None:
        return Frontmatter(range=whole, fields={})
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return Frontmatter(
            range=whole,
            fields={},
            error="The frontmatter must be 'key: value' fields, one a line.",
            error_range=_mark_range(first_line, node),
        )
    fields: dict[str, FrontmatterField] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        try:
            value = data.get(_hashable_key(key_node, data))
        except TypeError:
            value = None
        fields[str(key_node.value)] = _field(first_line, key_node, value_node, value)
    return Frontmatter(range=whole, fields=fields)


def _hashable_key(key_node: yaml.ScalarNode, data: dict[Any, Any]) -> Any:
    """The constructed key for a key node ('true' becomes True, '1' becomes 1...)."""
    raw = key_node.value
    if raw in data:
        return raw
    for key in data:
        if str(key).lower() == raw.lower() or str(key) == raw:
            return key
    return raw


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
