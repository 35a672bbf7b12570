"""Run every check over files and folders, as `blog-lsp check` does; and format the results."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from blog_lsp.checks import CheckContext, check_note, setting_findings
from blog_lsp.findings import Finding, Severity
from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.settings import CONFIG_FILENAME
from blog_lsp.text import printable
from blog_lsp.vault.vault import NOTE_SUFFIX, Vault

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Report:
    """One finding in one file; ``path`` as it is shown to the user."""

    path: str
    finding: Finding

    def to_json(self) -> dict[str, object]:
        item = self.finding
        return {
            "path": self.path,
            "range": item.range.to_json(),
            "severity": item.severity.label,
            "code": item.code,
            "message": item.message,
            "fix": item.fix,
        }


def display_path(path: Path, base: Path) -> str:
    """The path relative to ``base`` when it is under it (as CI annotations need), else as is.
    A note that is a symbolic link is shown under its own name (never followed: it may be a
    loop, or lead out of the vault)."""
    shown = resolve_folders(path)
    try:
        return shown.relative_to(resolve_path(base)).as_posix()
    except ValueError:
        return shown.as_posix()


def _config_findings(vault: Vault, config_path: Path, base: Path) -> list[Report]:
    shown = display_path(config_path, base)
    found = setting_findings(vault.setting_problems, vault.settings.rules)
    return [Report(shown, item) for item in found]


@dataclass(frozen=True, slots=True)
class CheckRun:
    """What a run of the checks found, and over how many notes (none: nothing was checked)."""

    reports: list[Report]
    notes_checked: int


def check_paths(
    paths: Iterable[Path], *, config_file: Path | None = None, base: Path | None = None
) -> CheckRun:
    """Check every note under the given files and folders; each path's vault is found on its
    own, so paths from several vaults can be checked in one run."""
    base = base or Path.cwd()
    by_root: dict[Path, list[Path]] = {}
    vaults: dict[Path, Vault] = {}
    for path in paths:
        vault = Vault.open(path, config_file=config_file, scan=False)
        vaults.setdefault(vault.root, vault)
        # A file is taken under its own name, even when it is a symbolic link (or a loop).
        target = resolve_path(path) if path.is_dir() else resolve_folders(path)
        by_root.setdefault(vault.root, []).append(target)
    reports: list[Report] = []
    notes_checked = 0
    for root, targets in by_root.items():
        vault = vaults[root].scanned()
        config_path = config_file if config_file is not None else root / CONFIG_FILENAME
        reports.extend(_config_findings(vault, config_path, base))
        for relative, why in sorted(vault.skipped.items()):
            log.warning("skipped %s: it %s", display_path(root / relative, base), why)
        context = CheckContext(vault)
        for relative in sorted(_selected(vault, targets)):
            note = vault.load(relative)
            shown = display_path(root / relative, base)  # once a note: it costs a few stats
            reports.extend(Report(shown, item) for item in check_note(note, context))
            notes_checked += 1
    return CheckRun(reports, notes_checked)


def _selected(vault: Vault, targets: list[Path]) -> set[str]:
    root = resolve_path(vault.root)
    chosen: set[str] = set()
    for target in targets:
        if target.is_file():
            relative = target.relative_to(root).as_posix()
            if relative.lower().endswith(NOTE_SUFFIX) and relative not in vault.notes:
                log.warning("%s is not a note of the vault (ignored or skipped)", relative)
            elif relative in vault.notes:
                chosen.add(relative)
            continue
        prefix = "" if target == root else target.relative_to(root).as_posix() + "/"
        chosen.update(path for path in vault.notes if path.startswith(prefix))
    return chosen


# -- output formats ------------------------------------------------------------------------


def format_text(reports: list[Report]) -> str:
    return "".join(
        f"{r.path}:{r.finding.range.start.line + 1}:{r.finding.range.start.character + 1}: "
        f"{r.finding.severity.label} {r.finding.code} {r.finding.message}\n"
        for r in reports
    )


def format_json(reports: list[Report]) -> str:
    return json.dumps([report.to_json() for report in reports], ensure_ascii=False, indent=2) + "\n"


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "information": "notice", "hint": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(reports: list[Report]) -> str:
    """GitHub Actions workflow commands, one annotation per finding (1-based lines/columns)."""
    lines = []
    for report in reports:
        item = report.finding
        start, end = item.range.start, item.range.end
        properties = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", report.path),
                ("line", start.line + 1),
                ("endLine", end.line + 1),
                ("col", start.character + 1),
                ("endColumn", end.character + 1),
                ("title", f"blog-lsp {item.code}"),
            )
        )
        level = _GITHUB_LEVEL[item.severity.label]
        lines.append(f"::{level} {properties}::{_escape_data(item.message)}\n")
    return "".join(lines)


FORMATS = {"text": format_text, "json": format_json, "github": format_github}


def format_reports(reports: list[Report], output: str) -> str:
    """The reports in one of :data:`FORMATS`, always valid UTF-8: a filename's bytes that are
    not UTF-8 show as U+FFFD (its ``filename-encoding`` finding says so)."""
    return printable(FORMATS[output](reports))


def summary(reports: list[Report], notes_checked: int) -> str:
    """'Checked 12 notes: 3 warnings, 1 hint in 2 files.', most serious first."""
    checked = f"Checked {notes_checked:,} note{'s' if notes_checked != 1 else ''}"
    if not reports:
        return f"{checked}: no problems found."
    counts = Counter(report.finding.severity for report in reports)
    parts = []
    for severity in sorted(counts, reverse=True):
        count, label = counts[severity], severity.label
        plural = count != 1 and severity is not Severity.INFORMATION
        parts.append(f"{count} {label}{'s' if plural else ''}")
    files = len({report.path for report in reports})
    return f"{checked}: {', '.join(parts)} in {files} file{'s' if files != 1 else ''}."
