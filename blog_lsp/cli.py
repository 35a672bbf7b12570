"""The `blog-lsp` command: serve LSP (the default), `check`, `new`, `related`, `tags`,
`--version`."""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from blog_lsp import __version__, status_cli
from blog_lsp.findings import SEVERITY_NAMES, Severity
from blog_lsp.relevance import cli as relevance_cli

log = logging.getLogger("blog_lsp")

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expects a whole number of 1 or more, not {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blog-lsp",
        description="Language server and checker for blog drafts in an Obsidian vault.",
    )
    parser.add_argument("--version", action="version", version=f"blog-lsp {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="log more (repeat for debug)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the Language Server Protocol (the default)")
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead of stdio")
    # Some clients (vscode-languageclient's stdio transport) add --stdio: it is the default.
    serve.add_argument("--stdio", action="store_true", help="serve on stdin/stdout (the default)")

    check = commands.add_parser("check", help="check notes and print what is wrong")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument(
        "--fail-on",
        choices=SEVERITY_NAMES,
        default="warning",
        help="exit 1 when a finding is at least this severe (default: warning)",
    )
    check.add_argument("--config", type=Path, metavar="FILE", help="a .blog-lsp.toml to use")
    check.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="check in N processes (default: one for each core)",
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="write the safe fixes into the notes, then report what is left",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="neither use nor write the index cache (see the 'cache' setting)",
    )

    new = commands.add_parser("new", help="create a blog draft from the template")
    new.add_argument("title", help="the post's title")
    new.add_argument("--tag", action="append", default=[], dest="tags", help="a topic tag")
    new.add_argument(
        "--description",
        default="",
        help="the SEO description (default: a 'TODO:' placeholder to fill in)",
    )
    new.add_argument("--vault", type=Path, default=None, help="the vault (default: here)")
    new.add_argument("--date", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    new.add_argument(
        "--allow-duplicate",
        action="store_true",
        help="create the draft even when one with a nearly identical title exists",
    )
    relevance_cli.add_parsers(commands)
    status_cli.add_parser(commands)
    return parser


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"a date is written YYYY-MM-DD, such as 2025-03-14, not {value!r}"
        ) from None


def _configure_logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(
        level=level,
        format="blog-lsp: %(levelname)s: %(message)s",
        stream=sys.stderr,
        force=True,  # the command owns logging; tests call main() more than once
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    if args.command == "check":
        return _check(args, parser)
    if args.command == "new":
        return _new(args, parser)
    if args.command in relevance_cli.COMMANDS:
        return relevance_cli.run(args, parser)
    if args.command == status_cli.COMMAND:
        return status_cli.run(args, parser)
    return _serve(getattr(args, "tcp", None))


def _serve(tcp: str | None) -> int:
    from blog_lsp.server.main import serve

    return serve(tcp)


def _check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from blog_lsp.runner import CheckRun, check_paths, format_reports, summary

    paths: list[Path] = args.paths or [Path(".")]
    # lexists: a symbolic link loop or a link to nothing is there, to be skipped with a reason.
    missing = [str(path) for path in paths if not os.path.lexists(path)]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    if args.config is not None and not args.config.is_file():
        parser.error(f"no such config file: {args.config}")
    from blog_lsp.progress import ProgressBar

    def run_check() -> CheckRun:
        # A bar only where someone watches: a terminal, and output that is not for a program.
        bar = ProgressBar(sys.stderr) if args.format == "text" and sys.stderr.isatty() else None
        try:
            return check_paths(
                paths,
                config_file=args.config,
                jobs=args.jobs,
                cache=not args.no_cache,
                progress=bar.update if bar is not None else None,
            )
        finally:
            if bar is not None:
                bar.close()

    run = run_check()
    if args.fix:
        from blog_lsp import autofix

        files = autofix.files_to_fix(run.reports, Path.cwd())
        sys.stderr.write(autofix.report(autofix.fix_files(files, config_file=args.config)))
        run = run_check()  # what is left
    reports = run.reports
    sys.stdout.write(format_reports(reports, args.format))
    if run.notes_checked == 0:
        shown = ", ".join(str(path) for path in paths)
        sys.stderr.write(f"blog-lsp: nothing was checked: no note (a .md file) in {shown}.\n")
        return EXIT_USAGE
    if args.format == "text":
        sys.stderr.write(summary(reports, run.notes_checked) + "\n")
    threshold = Severity.parse(args.fail_on)
    failed = any(report.finding.severity >= threshold for report in reports)
    return EXIT_FINDINGS if failed else EXIT_OK


def _new(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from blog_lsp.drafting.errors import DraftError
    from blog_lsp.drafting.files import DraftExistsError, create_draft, existing_file
    from blog_lsp.drafting.naming import (
        blank_title_problem,
        long_title_refusal,
        planned_draft_path,
    )
    from blog_lsp.drafting.similar import find_duplicate_drafts, prose_of
    from blog_lsp.drafting.template import DraftSpec, render_draft, still_to_write
    from blog_lsp.vault.vault import Vault

    problem = blank_title_problem(args.title)
    if problem is not None:
        parser.error(problem)
    if args.vault is not None and not args.vault.is_dir():
        parser.error(f"no such folder: {args.vault}")
    vault = Vault.open(args.vault or Path("."), scan=not args.allow_duplicate)
    for setting in vault.setting_problems:
        log.warning("%s: %s", setting.source, setting.message)
    settings = vault.settings
    too_long = long_title_refusal(args.title, settings.title_max_length)
    if too_long is not None:
        sys.stderr.write(f"blog-lsp: {too_long}\n")
        return EXIT_USAGE
    try:
        planned = planned_draft_path(
            vault.root, settings.drafts_folder, args.title, max_length=settings.filename_max_length
        )
        existing = existing_file(planned)
        # The same name is said at once: creating "another" would never overwrite it.
        if existing is not None:
            raise DraftExistsError(existing, vault.root)
        spec = DraftSpec(
            args.title,
            args.date or datetime.date.today(),
            tags=args.tags,
            description=args.description,
            blog_tag=settings.blog_tag,
        )
        # The new draft's content as it will be: its title, the description when given.
        content = prose_of(render_draft(spec))
        similar = [] if args.allow_duplicate else find_duplicate_drafts(vault, args.title, content)
        if similar:
            sys.stderr.write(
                f"blog-lsp: a draft with {similar[0].alike} exists: {similar[0].path}. "
                "Open it, or pass --allow-duplicate to create another.\n"
            )
            return EXIT_FINDINGS
        path = create_draft(
            vault.root, settings.drafts_folder, spec, max_length=settings.filename_max_length
        )
    except DraftError as error:
        sys.stderr.write(f"blog-lsp: {error}\n")
        return EXIT_FINDINGS
    sys.stdout.write(f"{path}\n")
    left = "".join(f"  - {item}\n" for item in still_to_write(spec))
    sys.stderr.write(f"blog-lsp: created {vault.relative(path)}; still to write:\n{left}")
    return EXIT_OK
