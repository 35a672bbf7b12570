"""YAML text for frontmatter: a scalar that reads back as the same string, in PyYAML (YAML 1.1)
and in Obsidian (YAML 1.2), and a flow list of them."""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

_PLAIN_START = re.compile(r"[^\W\d_]")  # plain scalars start with a letter, to stay unambiguous
_PLAIN_FORBIDDEN = re.compile(r"[#:{}\[\]&*!|>'\"%@`]|^\s|\s$")


def _round_trips(source: str, expected: object) -> bool:
    try:
        return bool(yaml.safe_load(source) == expected)
    except yaml.YAMLError:
        return False


# Characters a single-quoted scalar cannot hold as themselves: controls, line breaks, the BOM,
# non-characters and lone surrogates.
_NOT_SINGLE_QUOTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls, line breaks included
    "\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)


def _double_quoted(value: str) -> str:
    """A double-quoted scalar, escaping what cannot appear as itself."""
    pieces = ['"']
    for character in value:
        if character in '"\\':
            pieces.append("\\" + character)
        elif _NOT_SINGLE_QUOTABLE.match(character):
            code = ord(character)
            pieces.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            pieces.append(character)
    pieces.append('"')
    return "".join(pieces)


def yaml_scalar(value: str, *, flow: bool = False) -> str:
    """``value`` as a YAML scalar that reads back as the same string, in PyYAML (YAML 1.1)
    and in Obsidian (YAML 1.2): plain when that is safe, else single-quoted (double-quoted
    when it holds line breaks or control characters).

    ``flow`` is for an item of a ``[a, b]`` list, where commas end a plain scalar.
    """
    plain_safe = (
        _PLAIN_START.match(value) is not None
        and _PLAIN_FORBIDDEN.search(value) is None
        and _NOT_SINGLE_QUOTABLE.search(value) is None
        and not (flow and "," in value)
    )
    if plain_safe:
        probe = f"[{value}]" if flow else f"k: {value}"
        expected: object = [value] if flow else {"k": value}
        if _round_trips(probe, expected):
            return value
    if _NOT_SINGLE_QUOTABLE.search(value) is not None:
        return _double_quoted(value)
    return "'" + value.replace("'", "''") + "'"


def flow_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(yaml_scalar(item, flow=True) for item in items) + "]"
