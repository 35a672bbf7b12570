"""Run every check over files and folders, as `blog-lsp check` does; and format the results."""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from blog_lsp.checks import CheckContext, check_note, setting_findings
from blog_lsp.findings import Finding, Severity
from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.settings import CONFIG_FILENAME, Settings
from blog_lsp.text import printable
from blog_lsp.vault.index import NOTE_SUFFIX
from blog_lsp.vault.vault import Vault

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


# Below this many notes a worker's start (importing, loading the index) costs more than it
# saves.
PARALLEL_FROM = 200
CHUNK = 64  # notes a task: small enough that the cores stay busy to the end


def check_paths(
    paths: Iterable[Path],
    *,
    config_file: Path | None = None,
    base: Path | None = None,
    jobs: int = 1,
    cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> CheckRun:
    """Check every note under the given files and folders; each path's vault is found on its
    own, so paths from several vaults can be checked in one run. Each note is read for its
    check once (its index entry comes from the index cache when its stamp matches). With
    ``jobs`` above 1, notes are checked in that many processes, which load the index from
    the cache; the reports come out in the same order, byte for byte, as with one.
    ``progress`` hears (notes checked, notes to check)."""
    base = base or Path.cwd()
    by_root: dict[Path, list[Path]] = {}
    vaults: dict[Path, Vault] = {}
    for path in paths:
        vault = Vault.open(path, config_file=config_file, scan=False)
        if not cache:
            settings = replace(vault.settings, cache=False)
            vault = vault.with_settings(settings, vault.setting_problems)
        vaults.setdefault(vault.root, vault)
        # A file is taken under its own name, even when it is a symbolic link (or a loop).
        target = resolve_path(path) if path.is_dir() else resolve_folders(path)
        by_root.setdefault(vault.root, []).append(target)
    plans: list[tuple[Vault, Path, list[str]]] = []
    for root, targets in by_root.items():
        vault = vaults[root].scanned(jobs=jobs)
        for relative, why in sorted(vault.skipped.items()):
            log.warning("skipped %s: it %s", display_path(root / relative, base), why)
        plans.append((vault, root, sorted(_selected(vault, targets))))
    total = sum(len(selected) for _, _, selected in plans)
    done = 0
    reports: list[Report] = []
    for vault, root, selected in plans:
        config_path = config_file if config_file is not None else root / CONFIG_FILENAME
        reports.extend(_config_findings(vault, config_path, base))

        def advance(count: int) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(done, total)

        found = _findings(vault, selected, jobs, advance)
        for relative, items in zip(selected, found, strict=True):
            shown = display_path(root / relative, base)  # once a note: it costs a few stats
            reports.extend(Report(shown, item) for item in items)
    return CheckRun(reports, total)


def _findings(
    vault: Vault, selected: list[str], jobs: int, advance: Callable[[int], None]
) -> list[list[Finding]]:
    """The findings of each selected note: stored ones when the vault is as it was when they
    were stored (see findings_cache), else checked here or in processes."""
    from blog_lsp import findings_cache

    use_cache = vault.settings.cache
    stored_key = findings_cache.key(vault) if use_cache else ""
    stored = findings_cache.load(vault, stored_key) if use_cache else {}
    todo = [relative for relative in selected if relative not in stored]
    advance(len(selected) - len(todo))
    if jobs > 1 and len(todo) >= PARALLEL_FROM:
        checked = _check_in_processes(vault, todo, jobs, advance)
    else:
        checked = _check_here(vault, todo, advance)
    fresh = dict(zip(todo, checked, strict=True))
    if use_cache and fresh:
        findings_cache.save(vault, stored_key, {**stored, **fresh})
    return [stored[relative] if relative in stored else fresh[relative] for relative in selected]


def _check_here(
    vault: Vault, selected: list[str], advance: Callable[[int], None]
) -> list[list[Finding]]:
    context = CheckContext(vault)
    found = []
    for relative in selected:
        found.append(check_note(vault.load(relative), context))
        advance(1)
    return found


def _check_in_processes(
    vault: Vault, selected: list[str], jobs: int, advance: Callable[[int], None]
) -> list[list[Finding]]:
    """Check the notes in ``jobs`` processes. Each loads the vault's index from a cache
    folder (the user's, just written by the scan; or a private one when the cache is off)
    rather than receiving it: that is the fastest way to hand ten thousand notes over."""
    import multiprocessing
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    from blog_lsp.vault import cache

    with tempfile.TemporaryDirectory(prefix="blog-lsp-") as private:
        folder = cache.cache_folder()
        settings = vault.settings
        if not settings.cache or not cache.cache_file(vault.root).is_file():
            folder, settings = Path(private), replace(settings, cache=True)
            cache.save(vault.root, settings, vault.index.entries(), folder)
        chunks = [selected[start : start + CHUNK] for start in range(0, len(selected), CHUNK)]
        context = multiprocessing.get_context("spawn")  # the parent may hold threads: no fork
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(vault.root, settings, vault.setting_problems, str(folder)),
        ) as pool:
            futures = [pool.submit(_check_chunk, chunk) for chunk in chunks]
            results: list[list[Finding]] = []
            for future in futures:
                chunk_found = future.result()
                results.extend(chunk_found)
                advance(len(chunk_found))
    return results


_WORKER: dict[str, CheckContext] = {}


def _start_worker(root: Path, settings: Settings, problems: Any, folder: str) -> None:
    """In a worker process: the vault, from the index cache the parent wrote."""
    from blog_lsp.vault import cache

    os.environ[cache.CACHE_DIR_VARIABLE] = folder
    logging.getLogger("blog_lsp").setLevel(logging.ERROR)  # the parent has said it all
    vault = Vault(root, settings, problems).scanned(save=False)
    _WORKER["context"] = CheckContext(vault)


def _check_chunk(selected: list[str]) -> list[list[Finding]]:
    context = _WORKER["context"]
    return [check_note(context.vault.load(relative), context) for relative in selected]


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
