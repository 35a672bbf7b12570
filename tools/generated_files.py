"""What every data generator in tools/ shares: write its files, or check they are current."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

LOG = logging.getLogger("generated_files")


def add_check_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the files in the output folder are out of date",
    )


def write_or_check(files: dict[str, str], output_dir: Path, *, check: bool, tool: str) -> int:
    """Write ``files`` (name -> content) into ``output_dir``; with ``check``, write nothing and
    return 1 when a file there differs from what would be written."""
    if check:
        stale = [
            name
            for name, content in files.items()
            if not (output_dir / name).is_file()
            or (output_dir / name).read_text(encoding="utf-8") != content
        ]
        for name in stale:
            LOG.error("%s is out of date: run %s", name, tool)
        return 1 if stale else 0
    output_dir.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (output_dir / name).write_text(content, encoding="utf-8", newline="\n")
        LOG.info("wrote %s (%d lines)", name, content.count("\n"))
    return 0
