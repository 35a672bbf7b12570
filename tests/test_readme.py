"""The README's generated tables match the settings schema and the rule catalogue."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from blog_lsp.cli import main

REPO = Path(__file__).resolve().parents[1]


def test_readme_tables_are_up_to_date():
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "update_readme.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


CHECK_EXAMPLE = re.compile(r"```text\n\$ cd examples/vault && blog-lsp check\n(.*?)```", re.S)


def test_readme_check_example_is_what_check_prints(example_vault, capsys, monkeypatch):
    """The README's `blog-lsp check` example: the lines shown (with '...' for those left out)
    are lines the command prints, in its order, and the last is its summary, word for word."""
    example = CHECK_EXAMPLE.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert example is not None, "README.md has no '$ cd examples/vault && blog-lsp check' example"
    *shown, summary_line = example[1].splitlines()
    monkeypatch.chdir(example_vault)
    assert main(["check", "--no-cache"]) == 1
    out, err = capsys.readouterr()
    printed = iter(out.splitlines())
    for line in shown:
        if line != "...":
            # `in` on an iterator consumes it up to the match: the order is checked too.
            assert line in printed, f"blog-lsp check does not print (in this order): {line}"
    assert err.strip().splitlines()[-1] == summary_line
