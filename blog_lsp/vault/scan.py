"""Scanning a vault: walking its folders and indexing every file, built aside (the vault
scanned is unchanged), with the index cache and, for many notes, several processes."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from blog_lsp.vault.index import NOTE_SUFFIX, IndexBuilder, IndexEntry, VaultIndex

if TYPE_CHECKING:
    from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)

# Folders never indexed: Obsidian's own, its bin, git's, and JavaScript packages.
SKIPPED_FOLDERS = frozenset({".obsidian", ".trash", ".git", "node_modules"})


class ScanCancelledError(Exception):
    """A newer scan of the same vault superseded this one."""


@dataclass
class ScanReport:
    """What a scan did: notes in the cache it found, taken from it unread, and read."""

    cached: int = 0
    reused: int = 0
    parsed: int = 0
    changed: bool = False  # whether the cache no longer matches


def walk(vault: Vault, under: str = "") -> Iterator[tuple[str, str]]:
    """Every file of the vault that is not skipped, or of one of its folders:
    (relative posix path, absolute path as text: a Path for each of ten thousand files
    costs a tenth of a second)."""
    root = str(vault.root)
    if under and not vault.accepts(under):
        return
    start = os.path.join(root, under) if under else root
    for folder, subfolders, files in os.walk(start, onerror=partial(_unreadable_folder, vault)):
        relative_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in SKIPPED_FOLDERS
            and not vault.is_ignored(prefix + name)
        )
        for name in sorted(files):
            if name.startswith("."):
                continue
            relative = prefix + name
            if not vault.is_ignored(relative):
                yield relative, os.path.join(folder, name)


def _unreadable_folder(vault: Vault, error: OSError) -> None:
    """A folder the walk cannot list: its notes are missing from the index, so say so."""
    where = error.filename if error.filename is not None else vault.root
    relative = os.path.relpath(where, vault.root).replace(os.sep, "/")
    log.warning(
        "cannot read the folder %s: %s; the notes in it are not checked",
        relative if relative != "." else vault.root,
        error.strerror or error,
    )


def scanned(
    vault: Vault,
    progress: Callable[[int, Callable[[], VaultIndex]], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    report: ScanReport | None = None,
    *,
    save: bool = True,
    jobs: int = 1,
) -> Vault:
    """This vault with every file indexed afresh (the light parse: no prose mask, no
    text kept), built aside: this vault is unchanged. Notes whose stamp matches the
    index cache's are taken from it unread (the ``cache`` setting); the cache is written
    again when anything was read. ``progress`` hears, every few hundred files, how many
    files were seen, and a function that gives the index so far (incomplete: notes and
    names, for completion during a first scan); ``cancelled`` is asked as often, and a
    scan it stops raises ScanCancelledError. ``report`` counts what was read. With
    ``save`` False the caller writes the cache when it suits it (:meth:`save_cache`).
    With ``jobs`` above 1, a scan with many notes to read reads them in processes."""
    from blog_lsp.vault import cache

    report = report if report is not None else ScanReport()
    with _collector_paused():  # a million small objects: collecting meanwhile is waste
        reuse = cache.load(vault.root, vault.settings) if vault.settings.cache else {}
    report.cached = len(reuse)
    scanned = _scan(vault, progress, cancelled, reuse, report, jobs)
    report.changed = bool(report.parsed or report.reused != len(reuse))
    if save and report.changed:
        scanned.save_cache()
    return scanned


def save_cache(vault: Vault) -> bool:
    """Write this vault's index to the cache (when the ``cache`` setting allows)."""
    from blog_lsp.vault import cache

    return vault.settings.cache and cache.save(vault.root, vault.settings, vault.index.entries())


def _scan(
    vault: Vault,
    progress: Callable[[int, Callable[[], VaultIndex]], None] | None,
    cancelled: Callable[[], bool] | None,
    reuse: dict[str, IndexEntry],
    report: ScanReport,
    jobs: int,
) -> Vault:
    from blog_lsp.vault import parallel

    builder = IndexBuilder()
    with _collector_paused():
        # First the walk (fast): every file's entry, or None for a note to read.
        slots: list[tuple[str, str, IndexEntry | None]] = []
        for relative, absolute in walk(vault):
            if not relative.lower().endswith(NOTE_SUFFIX):
                slots.append((relative, absolute, IndexEntry(relative, attachment=True)))
                continue
            known = reuse.get(relative)
            if known is not None and known.stamp is not None:
                try:
                    status = os.stat(absolute)
                except OSError:
                    status = None
                if status is not None and known.stamp == (status.st_size, status.st_mtime_ns):
                    slots.append((relative, absolute, known))
                    report.reused += 1
                    continue
            slots.append((relative, absolute, None))
        unread = [(relative, absolute) for relative, absolute, entry in slots if entry is None]
        report.parsed = len(unread)
        if jobs > 1 and len(unread) >= parallel.PARALLEL_FROM:
            parsed: Iterator[IndexEntry] = parallel.parse_in_processes(
                vault.root, vault.settings, unread, jobs, cancelled
            )
        else:
            parsed = (vault.entry_from_disk_path(r, a) for r, a in unread)
        # Then the entries, in the walk's order (the index's order is the same, however
        # the notes were read).
        for seen, (_, _, entry) in enumerate(slots, 1):
            if seen % 500 == 0:
                if cancelled is not None and cancelled():
                    raise ScanCancelledError(str(vault.root))
                if progress is not None:
                    progress(seen, builder.partial)
            if entry is None:
                entry = next(parsed, None)
                if entry is None:  # the workers stopped: cancelled
                    raise ScanCancelledError(str(vault.root))
            builder.add(entry)
        return vault.with_index(builder.finish(complete=True))


def changed_on_disk(vault: Vault) -> list[str]:
    """The paths whose files differ from what the index holds: notes changed (size or
    modification time), files added, files gone. A walk and a stat a note: for changes
    that no one reported (made before a watcher began to watch)."""
    index = vault.index
    seen: set[str] = set()
    changed: list[str] = []
    for relative, absolute in walk(vault):
        seen.add(relative)
        if not relative.lower().endswith(NOTE_SUFFIX):
            if relative not in index.attachments:
                changed.append(relative)
            continue
        try:
            status = os.stat(absolute)
        except OSError:
            continue
        if index.stamps.get(relative) != (status.st_size, status.st_mtime_ns):
            changed.append(relative)
    for table in (index.notes, index.skipped, index.attachments):
        changed.extend(path for path in table if path not in seen)
    return sorted(set(changed))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while indexing, then move what exists to the permanent
    generation: the index is hundreds of thousands of small objects without cycles, and
    collections that walk over them again and again doubled the time to index."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
