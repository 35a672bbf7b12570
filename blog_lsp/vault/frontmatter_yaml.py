"""Frontmatter the fast path in :mod:`blog_lsp.vault.frontmatter` does not read: the real YAML
parser, with the line and column of every key and value. Imported on first use only: most
notes never need it, and a language server must start quickly."""

from __future__ import annotations

from typing import Any

import yaml

from blog_lsp.text import Position, Range
from blog_lsp.vault.model import Frontmatter, FrontmatterField

# The C loader is several times faster; fall back to pure Python where libyaml is missing.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark_range(first_line: int, node: yaml.Node) -> Range:
    start, end = node.start_mark, node.end_mark
    return Range(
        Position(first_line + start.line, start.column),
        Position(first_line + end.line, end.column),
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


def parse_yaml(source: str, whole: Range, first_line: int) -> Frontmatter:
    """The fields of a frontmatter block, or the YAML error with its position. Never raises."""
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
