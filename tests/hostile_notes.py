"""Frontmatter that asks a YAML reader for unbounded work, for the tests of every layer."""

from __future__ import annotations


def alias_bomb(key: str, levels: int, width: int = 9) -> str:
    """'a0: &a0 [lol, lol...]', 'a1: &a1 [*a0, *a0...]'... then 'key: *a<last>': each level
    multiplies the expanded size by ``width`` (9 wide, 9 levels: 387 million strings)."""
    rows = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    rows.append(f"{key}: *a{levels - 1}")
    return "\n".join(rows) + "\n"


def block_nesting(levels: int, key: str = "title") -> str:
    """'key:' holding a block list nested ``levels`` deep ('-', ' -', '  -'...) around 'x'."""
    dashes = "".join(" " * (i + 1) + "-\n" for i in range(levels - 1))
    return f"{key}:\n{dashes}{' ' * levels}- x\n"


def flow_nesting(levels: int, key: str = "title") -> str:
    """'key: [[[x]]]', ``levels`` deep."""
    return f"{key}: {'[' * levels}x{']' * levels}\n"
