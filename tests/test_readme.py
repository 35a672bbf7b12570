"""The README's generated tables match the settings schema and the rule catalogue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_readme_tables_are_up_to_date():
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "update_readme.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
