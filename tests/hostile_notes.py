"""Hostile input for the tests of every layer: frontmatter that asks a YAML reader for
unbounded work, and a guard for work that could block on a named pipe."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest


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


def finishes(work, seconds: float = 30.0, unblock=None):
    """Run ``work`` in a thread and return its result; fail (not hang) when it takes longer.
    ``unblock`` releases a thread stuck in a read, so the test run can go on."""
    outcome: list = []
    thread = threading.Thread(target=lambda: outcome.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if unblock is not None:
            unblock()
        pytest.fail(f"still running after {seconds} s")
    return outcome[0] if outcome else None


def release_reader(fifo: Path) -> None:
    """Open the writing end of a named pipe and close it: a blocked reader sees its end."""
    descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    os.close(descriptor)
