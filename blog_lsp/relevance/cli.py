"""`blog-lsp related PATH` and `blog-lsp tags PATH`: the relevance engine on the command line.

Both print, best first, what the server's commands ``blog-lsp.relatedNotes`` and
``blog-lsp.suggestTags`` return for the same note: as lines of text, or with ``--format json``
as the same JSON objects.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger("blog_lsp")

COMMANDS = ("related", "tags")
EXIT_OK, EXIT_PROBLEM = 0, 1


def _limit(text: str) -> int:
    from blog_lsp.relevance.engine import MAX_LIMIT

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(
            f"expects a whole number from 1 to {MAX_LIMIT}, not {text!r}"
        )
    return value


def add_parsers(commands: Any) -> None:
    """Add the two commands to the `blog-lsp` parser's subcommands."""
    for name, summary in (
        ("related", "list the notes most related to a note (to link from its Related footer)"),
        ("tags", "suggest tags for a note, from the vault and the tag vocabulary"),
    ):
        command = commands.add_parser(name, help=summary, description=summary)
        command.add_argument("path", type=Path, metavar="PATH", help="a note of a vault")
        command.add_argument(
            "--limit", type=_limit, default=10, metavar="N", help="at most N (default: 10)"
        )
        command.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from blog_lsp.cli_support import note_from_command_line
    from blog_lsp.relevance.engine import related_notes, suggest_tags

    found_note = note_from_command_line(args.path, args.command, parser)
    if found_note is None:
        return EXIT_PROBLEM
    vault, note, relative = found_note.vault, found_note.note, found_note.relative
    if args.command == "related":
        found: list[Any] = related_notes(vault, note, args.limit)
        lines = [f"{item.score:.3f}  [[{item.target}]]  {item.why}" for item in found]
    else:
        found = suggest_tags(vault, note, args.limit)
        lines = [f"{item.score:.3f}  #{item.tag}  ({item.source})" for item in found]
    if args.format == "json":
        sys.stdout.write(json.dumps([item.to_json() for item in found], indent=2) + "\n")
    elif lines:
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        what = "related notes" if args.command == "related" else "tags to suggest"
        sys.stderr.write(f"blog-lsp: no {what} for {relative}.\n")
    return EXIT_OK
