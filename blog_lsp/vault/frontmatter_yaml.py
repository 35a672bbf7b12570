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

# Limits on what one frontmatter may ask for. Aliases share a node, so composing them is
# cheap, but every walk over the constructed values (str(), emptiness, a message) expands
# them: nine aliases of nine aliases... eight levels deep is 43 million strings from 500
# bytes. Nesting is bounded so that no walk over a value recurses deeply.
MAX_ALIASES = 100
MAX_ALIASED_VALUES = 10_000  # values that aliases add to the frontmatter once expanded
MAX_DEPTH = 32  # lists and mappings inside each other, the top-level mapping included


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


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


_READS_NONE = "blog-lsp reads none of its fields"
_TOO_DEEP = (
    f"The frontmatter nests lists or mappings more than {MAX_DEPTH} levels deep: {_READS_NONE}."
)


def _over_budget(root: yaml.Node, source: str) -> tuple[str, yaml.Node] | None:
    """Why the composed document is refused (too many aliases, aliases that expand too much,
    an alias inside its own anchor, nesting too deep) and the node to point at; or None."""
    if "&" in source:
        return _over_alias_budget(root)
    # No anchor, so no alias (an alias without its anchor is a YAML error): only the depth to
    # check, which costs a tenth of the walk below.
    pending: list[tuple[yaml.Node, int]] = [(root, 1)]
    while pending:
        node, depth = pending.pop()
        if not isinstance(node, yaml.CollectionNode):
            continue
        if depth > MAX_DEPTH:
            return _TOO_DEEP, node
        pending.extend((child, depth + 1) for child in _children(node))
    return None


def _over_alias_budget(root: yaml.Node) -> tuple[str, yaml.Node] | None:
    """:func:`_over_budget` for a document with anchors. Walks each distinct node once,
    without recursion: an alias is a node met again, and adds the size of its anchor's value,
    worked out when that value was first walked."""
    sizes: dict[int, int] = {}  # id(node) -> values it stands for, expanded, itself included
    heights: dict[int, int] = {}  # id(node) -> levels of lists and mappings in it
    open_nodes: set[int] = set()
    aliases = added = 0
    # Each frame: [node, depth, children left (enumerated), size so far, height so far].
    frames: list[list[Any]] = []
    field = root  # the top-level key being walked: where an alias problem is shown

    def enter(node: yaml.Node, depth: int) -> None:
        open_nodes.add(id(node))
        frames.append([node, depth, enumerate(_children(node)), 1, 1])

    enter(root, 1)
    while frames:
        frame = frames[-1]
        node, depth = frame[0], frame[1]
        index, child = next(frame[2], (-1, None))
        if child is None:
            frames.pop()
            open_nodes.discard(id(node))
            sizes[id(node)], heights[id(node)] = frame[3], frame[4]
            if frames:
                frames[-1][3] += frame[3]
                frames[-1][4] = max(frames[-1][4], frame[4] + 1)
            continue
        if depth == 1 and index % 2 == 0 and isinstance(node, yaml.MappingNode):
            field = child
        if id(child) in open_nodes:
            return (
                f"An alias in the frontmatter ('*name') refers to the value that holds it: "
                f"{_READS_NONE}."
            ), child
        size = sizes.get(id(child))
        if size is not None:  # met before: an alias
            aliases += 1
            added += size
            if aliases > MAX_ALIASES:
                return (
                    f"The frontmatter uses more than {MAX_ALIASES} aliases ('*name'): "
                    f"{_READS_NONE}. Write the values out instead."
                ), field
            if added > MAX_ALIASED_VALUES:
                return (
                    f"The frontmatter's aliases ('*name') expand to more than "
                    f"{MAX_ALIASED_VALUES:,} values: {_READS_NONE}. Write the values out instead."
                ), field
            height = heights[id(child)]
        elif isinstance(child, yaml.CollectionNode):
            if depth >= MAX_DEPTH:
                return _TOO_DEEP, child
            enter(child, depth + 1)
            continue
        else:
            sizes[id(child)] = size = 1
            heights[id(child)] = height = 0
        if depth + height > MAX_DEPTH:
            return _TOO_DEEP, child
        frame[3] += size
        frame[4] = max(frame[4], height + 1)
    return None


def _refused(message: str, node: yaml.Node | None, whole: Range, first_line: int) -> Frontmatter:
    where = Position(first_line, 0) if node is None else _mark_range(first_line, node).start
    return Frontmatter(
        range=whole,
        fields={},
        error=message,
        error_range=Range(where, Position(where.line, where.character + 1)),
    )


def parse_yaml(source: str, whole: Range, first_line: int) -> Frontmatter:
    """The fields of a frontmatter block, or the YAML error with its position. Never raises."""
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        refusal = _over_budget(node, source) if node is not None else None
        if refusal is not None:
            return _refused(*refusal, whole, first_line)
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:  # the pure-Python composer recurses once a level
        return _refused(_TOO_DEEP, None, whole, first_line)
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
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
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
