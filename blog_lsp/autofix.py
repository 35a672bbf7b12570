"""`blog-lsp check --fix`: the safe fixes of the findings, written into the notes.

Only safe fixes (certain ones: a British spelling, a date in the one form it can mean) are
applied, and only those made of text edits: never a rename, never a line the writer has to
word. Fixes that overlap another are left out, both of them (neither is certain once the
other is made). Each note is read, checked and fixed on its own; its file is replaced whole
(a temporary file beside it, renamed over it, with the file's mode), and only when its bytes
are still those that were read: a note saved in an editor meanwhile is left alone. Notes that
are symbolic links, or not inside their vault, are never written.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from blog_lsp.checks import CheckContext, check_note
from blog_lsp.findings import Edit, Finding, Fix
from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.text import LineIndex, Position
from blog_lsp.vault.files import read_note_file
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault

if TYPE_CHECKING:
    from blog_lsp.runner import Report

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What --fix did to one note: ``fixed`` fixes written, or why none was (``skipped``).
    ``path`` is relative to the note's vault."""

    path: str
    fixed: int = 0
    skipped: str | None = None


def applicable(findings: Iterable[Finding]) -> list[Fix]:
    """The safe fixes made of edits only, one of each, without those that overlap another."""
    fixes: list[Fix] = []
    for item in findings:
        for fix in item.fixes:
            edits_only = all(isinstance(change, Edit) for change in fix.edits)
            if fix.safe and fix.edits and edits_only and fix not in fixes:
                fixes.append(fix)
    clashing = _clashing(fixes)
    return [fix for index, fix in enumerate(fixes) if index not in clashing]


def _clashing(fixes: list[Fix]) -> set[int]:
    """The fixes with an edit that touches the text another edit touches, or inserts where
    another edit begins (in which order would be a guess). One sweep over the edits in order:
    an edit clashes with one before it exactly when it begins before the furthest end so far
    (and whatever overlaps that one is marked as well), or where the last one began."""
    spans = sorted(
        (change.range.start, change.range.end, index)
        for index, fix in enumerate(fixes)
        for change in fix.edits
        if isinstance(change, Edit)
    )
    clashing: set[int] = set()
    reach: tuple[Position, int] | None = None  # the furthest end so far, and its fix
    previous: tuple[Position, Position, int] | None = None
    for start, end, index in spans:
        if reach is not None and start < reach[0]:
            clashing.update((index, reach[1]))
        if previous is not None and start == previous[0] and start in (end, previous[1]):
            clashing.update((index, previous[2]))
        if reach is None or end > reach[0]:
            reach = (end, index)
        previous = (start, end, index)
    return clashing


def fixed_text(text: str, fixes: Iterable[Fix]) -> str:
    """``text`` with the edits of the fixes made (they must not overlap)."""
    lines = LineIndex(text)
    edits = sorted(
        (change for fix in fixes for change in fix.edits if isinstance(change, Edit)),
        key=lambda edit: (edit.range.start, edit.range.end),
        reverse=True,
    )
    for edit in edits:  # from the end, so that the earlier offsets still hold
        start, end = lines.offset(edit.range.start), lines.offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def files_to_fix(reports: Iterable[Report], base: Path) -> list[Path]:
    """The files of the reports that have a safe fix, once each, in order (a report's path
    is relative to ``base`` when the file is under it)."""
    files: dict[Path, None] = {}
    for report in reports:
        if any(fix.safe for fix in report.finding.fixes):
            files.setdefault(resolve_path(base) / report.path, None)  # an absolute path stays
    return list(files)


class _Contexts:
    """One check context for each vault: the spelling engines take a moment to build."""

    def __init__(self, config_file: Path | None) -> None:
        self.config_file = config_file
        self._by_root: dict[Path, CheckContext] = {}

    def for_file(self, path: Path) -> CheckContext:
        # From its folder: a note that is a symbolic link must not lead to another vault.
        vault = Vault.open(path.parent, config_file=self.config_file, scan=False)
        context = self._by_root.get(vault.root)
        if context is None:
            context = self._by_root[vault.root] = CheckContext(vault)
        return context


def fix_files(paths: Iterable[Path], *, config_file: Path | None = None) -> list[Outcome]:
    """Apply the safe fixes to each file (a note of a vault), in order."""
    contexts = _Contexts(config_file)
    return [fix_file(path, contexts.for_file(path)) for path in paths]


def fix_file(path: Path, context: CheckContext) -> Outcome:
    vault = context.vault
    root = resolve_path(vault.root)
    shown = resolve_folders(path)
    try:
        relative = shown.relative_to(root).as_posix()
    except ValueError:
        return Outcome(shown.as_posix(), skipped="is not inside its vault")
    if os.path.islink(path):
        return Outcome(relative, skipped="is a symbolic link")
    result = read_note_file(path, vault.settings.max_file_size)
    if result.text is None:
        return Outcome(relative, skipped="cannot be read as a note")
    note = parse_note(relative, result.text, full=True)
    fixes = applicable(check_note(note, context))
    if not fixes:
        return Outcome(relative)
    original = result.text.encode("utf-8")
    new = fixed_text(result.text, fixes).encode("utf-8")
    why_not = replace_if_unchanged(path, original, new)
    if why_not is not None:
        return Outcome(relative, skipped=why_not)
    return Outcome(relative, fixed=len(fixes))


def replace_if_unchanged(path: Path, original: bytes, new: bytes) -> str | None:
    """Write ``new`` over the file if it still holds ``original``: a temporary file beside
    it, with its mode, renamed over it. None when written, else why not."""
    try:
        status = os.lstat(path)
        descriptor, temporary = tempfile.mkstemp(prefix=".blog-lsp-", dir=path.parent)
    except OSError as error:
        return f"cannot be written: {error.strerror or error}"
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(new)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        # As late as can be: a note saved in an editor since it was read keeps its text.
        if not stat.S_ISREG(status.st_mode) or _read(path) != original:
            os.unlink(temporary)
            return "changed since it was read: run blog-lsp check --fix again"
        os.replace(temporary, path)
    except OSError as error:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        return f"cannot be written: {error.strerror or error}"
    return None


def _read(path: Path) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as file:
        return file.read()


def report(outcomes: list[Outcome]) -> str:
    """What --fix did, a line a note it fixed or left alone, then the count."""
    lines = []
    for outcome in outcomes:
        if outcome.fixed:
            plural = "s" if outcome.fixed != 1 else ""
            lines.append(f"fixed {outcome.fixed} problem{plural} in {outcome.path}\n")
        elif outcome.skipped is not None:
            lines.append(f"not fixed: {outcome.path} {outcome.skipped}\n")
    count = sum(outcome.fixed for outcome in outcomes)
    files = sum(1 for outcome in outcomes if outcome.fixed)
    lines.append(
        f"Fixed {count} problem{'s' if count != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}.\n"
    )
    return "".join(lines)
