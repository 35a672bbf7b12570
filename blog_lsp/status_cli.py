"""`blog-lsp status PATH STATUS`: a draft's status set from the command line, as the server's
``blog-lsp.setStatus`` sets it: refused, with the reasons, when ``published`` is asked for
while the checks find errors or warnings in the draft.

The note is rewritten only through :func:`blog_lsp.autofix.replace_if_unchanged` (a file
beside it renamed over it, and only while it still holds what was read), and never when it
is a symbolic link.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

COMMAND = "status"
EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def add_parser(commands: Any) -> None:
    summary = "set a draft's status (never published while it has errors or warnings)"
    command = commands.add_parser(COMMAND, help=summary, description=summary)
    command.add_argument("path", type=Path, metavar="PATH", help="a blog draft")
    command.add_argument("status", metavar="STATUS", help="draft, review, published...")
    command.add_argument("--config", type=Path, help="a .blog-lsp.toml to use instead")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from blog_lsp.autofix import fixed_text, replace_if_unchanged
    from blog_lsp.checks import CheckContext
    from blog_lsp.cli_support import note_from_command_line
    from blog_lsp.findings import Fix
    from blog_lsp.publishing import StatusRefusal, plan_status

    found = note_from_command_line(args.path, COMMAND, parser, config_file=args.config)
    if found is None:
        return EXIT_REFUSED
    if os.path.islink(args.path):
        sys.stderr.write(f"blog-lsp: {found.relative} is a symbolic link: it is left alone.\n")
        return EXIT_REFUSED
    outcome = plan_status(found.note, CheckContext(found.vault), args.status)
    if isinstance(outcome, StatusRefusal):
        sys.stderr.write(f"blog-lsp: {found.relative}: {outcome.message}\n")
        return EXIT_USAGE if outcome.unknown_status else EXIT_REFUSED
    if outcome.edit is None:
        sys.stderr.write(f"{found.relative}: the status is already {outcome.status}.\n")
        return EXIT_OK
    new = fixed_text(found.text, [Fix("status", (outcome.edit,), safe=True)])
    why_not = replace_if_unchanged(args.path, found.text.encode("utf-8"), new.encode("utf-8"))
    if why_not is not None:
        sys.stderr.write(f"blog-lsp: {found.relative} {why_not.replace('check --fix', COMMAND)}\n")
        return EXIT_REFUSED
    before = outcome.previous if outcome.previous is not None else "none"
    sys.stderr.write(f"{found.relative}: status {before} -> {outcome.status}\n")
    return EXIT_OK
