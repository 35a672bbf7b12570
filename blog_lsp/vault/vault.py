"""The vault: where it is, which notes it holds, and how wiki-links resolve, as Obsidian does."""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import logging
import os
import posixpath
import stat
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import immutables

from blog_lsp import settings as settings_module
from blog_lsp.names import name_key
from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.relevance.terms import index_terms
from blog_lsp.settings import CONFIG_FILENAME, SettingProblem, Settings
from blog_lsp.vault.index import NOTE_SUFFIX, IndexBuilder, IndexEntry, VaultIndex, has_word
from blog_lsp.vault.model import BlockId, Heading, Note
from blog_lsp.vault.parse import parse_note, parse_note_prose

log = logging.getLogger(__name__)

SKIPPED_FOLDERS = frozenset({".obsidian", ".trash", ".git", "node_modules"})
_BINARY_SNIFF = 8192


def find_root(path: Path) -> Path:
    """The nearest ancestor holding `.obsidian/`, else one holding `.blog-lsp.toml`, else the
    folder given (or the file's folder)."""
    found = find_marked_root(path)
    if found is not None:
        return found
    start = resolve_path(path)
    return start if start.is_dir() else start.parent


def find_marked_root(path: Path) -> Path | None:
    """The nearest ancestor holding `.obsidian/`, else one holding `.blog-lsp.toml`, else
    None. A `.blog-lsp.toml` of any kind marks the vault (its settings report what is wrong
    with it); an `.obsidian` that is not a folder does not, and is named in a warning."""
    start = resolve_path(path)
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        candidate = folder / ".obsidian"
        if candidate.is_dir():
            return folder
        if os.path.lexists(candidate):
            warn_once(
                ("not a vault marker", str(candidate)),
                "%s is not a folder, so it does not mark a vault (Obsidian keeps a vault's "
                "settings in a .obsidian folder)",
                candidate,
            )
    for folder in (start, *start.parents):
        if os.path.lexists(folder / CONFIG_FILENAME):
            return folder
    return None


_warned: set[Hashable] = set()


def warn_once(key: Hashable, message: str, *args: object) -> None:
    """Log a warning once per process for each ``key``: the server finds vault roots and
    builds check contexts again and again, and one message is enough."""
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


Stamp = tuple[int, int]  # a file's size and modification time (ns): whether it changed


@dataclass(frozen=True, slots=True)
class ReadResult:
    """A note's text, or why it has none: (rule code, message) for a finding, or a skip."""

    text: str | None
    problem: tuple[str, str] | None = None
    skipped: str | None = None  # a reason that is logged, not reported (binary files)
    stamp: Stamp | None = None  # the file's (size, mtime_ns) when it was read


# Non-blocking, so that opening a named pipe returns at once instead of waiting for a writer.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


class NotRegularFileError(OSError):
    """The path is a named pipe, a device, a socket or a folder: never read as a note."""

    def __init__(self, kind: str) -> None:
        self.reason = f"is {kind}, not a regular file"  # follows "it", as skip reasons do
        super().__init__(self.reason)


def _not_regular(mode: int) -> NotRegularFileError | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        kind = "a folder"
    elif stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "something other than a file"
    return NotRegularFileError(kind)


def _read_bytes(path: Path | str, max_size: int) -> tuple[bytes | int, Stamp]:
    """The bytes of a regular file, or its size when that is over ``max_size``, and its
    stamp. Raises
    :class:`NotRegularFileError` for anything else (read, a pipe would block and a device
    such as /dev/zero never ends), OSError when it cannot be read. Plain os calls: three
    times faster than pathlib's, which counts when a vault has ten thousand notes."""
    # stat first, so that a device is never even opened; fstat again after opening, in case
    # the path was replaced in between.
    problem = _not_regular(os.stat(path).st_mode)
    if problem is not None:
        raise problem
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(descriptor)
        problem = _not_regular(status.st_mode)
        if problem is not None:
            raise problem
        stamp = (status.st_size, status.st_mtime_ns)
        if status.st_size > max_size:
            return status.st_size, stamp
        parts = [os.read(descriptor, status.st_size + 1)]
        while len(parts[-1]) > 0 and sum(map(len, parts)) <= max_size:
            parts.append(os.read(descriptor, 1 << 16))  # the file grew while we read it
        data = b"".join(parts)
        return (len(data) if len(data) > max_size else data), stamp
    finally:
        os.close(descriptor)


def _too_large(size: int, max_size: int) -> tuple[str, str]:
    return (
        "file-too-large",
        f"This file has {size:,} bytes, more than max_file_size ({max_size:,}): blog-lsp skips it.",
    )


def text_size_problem(text: str, max_size: int) -> tuple[str, str] | None:
    """The file-too-large problem of a text (an editor's copy of a note) whose UTF-8 form is
    over ``max_size`` bytes, as the file would have; else None."""
    if len(text) * 4 <= max_size:  # UTF-8 takes at most 4 bytes a character: no need to count
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return _too_large(size, max_size) if size > max_size else None


def read_note_file(path: Path | str, max_size: int) -> ReadResult:
    """Read a note, never raising and never blocking: too large, binary, not UTF-8 files are
    reported; unreadable files and anything that is not a regular file (a named pipe, a
    device, a symbolic link loop) are skipped with a reason. The one reader of notes: the
    scan, :meth:`Vault.load`, the vocabulary and the word lists all read through it."""
    try:
        data, stamp = _read_bytes(path, max_size)
    except NotRegularFileError as error:
        return ReadResult(None, skipped=error.reason)
    except OSError as error:
        return ReadResult(None, skipped=f"cannot be read: {error.strerror or error}")
    if isinstance(data, int):
        return ReadResult(None, _too_large(data, max_size), stamp=stamp)
    if b"\x00" in data[:_BINARY_SNIFF]:
        return ReadResult(
            None, skipped="looks like a binary file (it holds NUL bytes)", stamp=stamp
        )
    try:
        return ReadResult(data.decode("utf-8"), stamp=stamp)
    except UnicodeDecodeError as error:
        byte = data[error.start]
        return ReadResult(
            None,
            (
                "file-encoding",
                f"This file is not UTF-8 text (byte 0x{byte:02x} at offset {error.start}); "
                "save it as UTF-8 to have it checked.",
            ),
            stamp=stamp,
        )


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a link leads: the chosen path (shortest first) and every candidate."""

    candidates: tuple[str, ...]

    @property
    def path(self) -> str | None:
        return self.candidates[0] if self.candidates else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def normalise_heading(text: str) -> str:
    """Heading text as Obsidian matches it in links: case-insensitive, without the characters
    a link cannot hold (# ^ | [ ] : \\), white space folded."""
    cleaned = text.translate(_HEADING_DROP)
    return " ".join(cleaned.casefold().split())


_HEADING_DROP = str.maketrans("", "", "#^|[]:\\%")


class ScanCancelledError(Exception):
    """A newer scan of the same vault superseded this one."""


@dataclass
class ScanReport:
    """What a scan did: notes in the cache it found, taken from it unread, and read."""

    cached: int = 0
    reused: int = 0
    parsed: int = 0
    changed: bool = False  # whether the cache no longer matches


class Vault:
    """A vault at one moment: where it is, its settings, and the index of its notes.

    A vault is a value: it never changes. :meth:`scanned`, :meth:`with_entry`,
    :meth:`without` and :meth:`with_settings` give new vaults, sharing what did not change
    (see :class:`~blog_lsp.vault.index.VaultIndex`). So a check running in a worker sees one
    consistent vault, whatever the editor does meanwhile.

    The index keeps each note's structure (frontmatter, headings, links, tags), not its text:
    checks re-read the text through :meth:`load`.
    """

    __slots__ = ("_drafts_prefix", "index", "root", "setting_problems", "settings")

    def __init__(
        self,
        root: Path,
        settings: Settings | None = None,
        problems: Iterable[SettingProblem] = (),
        index: VaultIndex | None = None,
    ) -> None:
        self.root = root
        self.settings = settings or Settings()
        self.setting_problems: tuple[SettingProblem, ...] = tuple(problems)
        self.index = index if index is not None else VaultIndex()
        # is_draft runs for every note in a vault-wide pass: work the prefix out once.
        self._drafts_prefix = name_key(self.settings.drafts_folder.strip("/")) + "/"

    # -- what the index holds --------------------------------------------------------------

    @property
    def notes(self) -> immutables.Map[str, Note]:
        return self.index.notes

    @property
    def attachments(self) -> immutables.Map[str, bool]:
        """The attachments' paths (a map used as a set)."""
        return self.index.attachments

    @property
    def skipped(self) -> immutables.Map[str, str]:
        return self.index.skipped

    @property
    def complete(self) -> bool:
        """Whether the index holds the whole vault (False until the first scan ends)."""
        return self.index.complete

    # -- new vaults from this one ------------------------------------------------------

    def with_index(self, index: VaultIndex) -> Vault:
        return Vault(self.root, self.settings, self.setting_problems, index)

    def with_settings(self, settings: Settings, problems: Iterable[SettingProblem]) -> Vault:
        """The same index under other settings (rescan when :func:`scan_settings` differ)."""
        return Vault(self.root, settings, problems, self.index)

    def with_entry(self, entry: IndexEntry) -> Vault:
        return self.with_index(self.index.with_entry(entry))

    def with_text(
        self, relative: str, text: str | None, *, problem: tuple[str, str] | None = None
    ) -> Vault:
        """This vault with a note's text replaced (an editor's unsaved text too)."""
        return self.with_entry(self.entry_from_text(relative, text, problem))

    def without(self, relative: str) -> Vault:
        return self.with_index(self.index.without(relative))

    # -- what a change is: worked out off the event loop ---------------------------------

    def entry_from_text(
        self,
        relative: str,
        text: str | None,
        problem: tuple[str, str] | None = None,
        stamp: Stamp | None = None,
    ) -> IndexEntry:
        """The index entry of a note with this text (its light parse and its words); the
        stamp of the file it was read from, if it was."""
        if text is not None and problem is None:
            problem = text_size_problem(text, self.settings.max_file_size)
            if problem is not None:
                text = None
        terms = words = ""
        if text is None:
            note = Note(relative, None, [], [], [], [], [], problem=problem)
        else:
            # The light parse the index keeps, with the prose the relevance engine weighs;
            # the words of prose and the rest are the note's words, in one pass.
            note, prose, other, joined = parse_note_prose(relative, text)
            terms, words = index_terms(note, prose, None if joined else other, text)
            note.problem = problem
        return IndexEntry.for_note(
            note, text, draft=self.is_draft(note), stamp=stamp, terms=terms, words=words
        )

    def entry_from_disk(self, relative: str) -> IndexEntry | None:
        """The index entry of a file as it is on disk: a note, an attachment, a note file
        that is skipped; None when it is not there or the vault does not take it."""
        if not self.accepts(relative):
            return None
        absolute = self.absolute(relative)
        if not relative.lower().endswith(NOTE_SUFFIX):
            return IndexEntry(relative, attachment=True) if absolute.is_file() else None
        if not os.path.lexists(absolute):
            return None
        return self.entry_from_disk_path(relative, str(absolute))

    # -- opening and scanning ------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        config_file: Path | None = None,
        editor_settings: dict[str, object] | None = None,
        scan: bool = True,
    ) -> Vault:
        """The vault holding ``path``, with its settings loaded and (by default) scanned."""
        root = find_root(path)
        config = config_file if config_file is not None else root / CONFIG_FILENAME
        # The problems are the caller's to show (`check` reports them as findings).
        settings, problems = settings_module.load(config, editor_settings)
        vault = cls(root, settings, problems)
        return vault.scanned() if scan else vault

    def is_ignored(self, relative: str) -> bool:
        return any(
            fnmatch.fnmatchcase(relative, pattern)
            or fnmatch.fnmatchcase(relative, pattern.rstrip("/") + "/*")
            for pattern in self.settings.ignore
        )

    def accepts(self, relative: str) -> bool:
        """Whether the vault indexes a file at this path: the one filter of the scan, file
        events and the watcher. Hidden files and folders, Obsidian's and git's folders,
        node_modules and the ignored paths are left out."""
        parts = relative.split("/")
        if any(not part or part.startswith(".") for part in parts):
            return False
        if any(part in SKIPPED_FOLDERS for part in parts[:-1]):
            return False
        return not any(self.is_ignored("/".join(parts[: depth + 1])) for depth in range(len(parts)))

    def walk(self, under: str = "") -> Iterator[tuple[str, str]]:
        """Every file of the vault that is not skipped, or of one of its folders:
        (relative posix path, absolute path as text: a Path for each of ten thousand files
        costs a tenth of a second)."""
        root = str(self.root)
        if under and not self.accepts(under):
            return
        start = os.path.join(root, under) if under else root
        for folder, subfolders, files in os.walk(start, onerror=self._unreadable_folder):
            relative_folder = os.path.relpath(folder, root).replace(os.sep, "/")
            prefix = "" if relative_folder == "." else relative_folder + "/"
            subfolders[:] = sorted(
                name
                for name in subfolders
                if not name.startswith(".")
                and name not in SKIPPED_FOLDERS
                and not self.is_ignored(prefix + name)
            )
            for name in sorted(files):
                if name.startswith("."):
                    continue
                relative = prefix + name
                if not self.is_ignored(relative):
                    yield relative, os.path.join(folder, name)

    def _unreadable_folder(self, error: OSError) -> None:
        """A folder the walk cannot list: its notes are missing from the index, so say so."""
        where = error.filename if error.filename is not None else self.root
        relative = os.path.relpath(where, self.root).replace(os.sep, "/")
        log.warning(
            "cannot read the folder %s: %s; the notes in it are not checked",
            relative if relative != "." else self.root,
            error.strerror or error,
        )

    def scanned(
        self,
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
            reuse = cache.load(self.root, self.settings) if self.settings.cache else {}
        report.cached = len(reuse)
        scanned = self._scan(progress, cancelled, reuse, report, jobs)
        report.changed = bool(report.parsed or report.reused != len(reuse))
        if save and report.changed:
            scanned.save_cache()
        return scanned

    def save_cache(self) -> bool:
        """Write this vault's index to the cache (when the ``cache`` setting allows)."""
        from blog_lsp.vault import cache

        return self.settings.cache and cache.save(self.root, self.settings, self.index.entries())

    def _scan(
        self,
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
            for relative, absolute in self.walk():
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
                    self.root, self.settings, unread, jobs, cancelled
                )
            else:
                parsed = (self.entry_from_disk_path(r, a) for r, a in unread)
            # Then the entries, in the walk's order (the index's order is the same, however
            # the notes were read).
            for seen, (_, _, entry) in enumerate(slots, 1):
                if seen % 500 == 0:
                    if cancelled is not None and cancelled():
                        raise ScanCancelledError(str(self.root))
                    if progress is not None:
                        progress(seen, builder.partial)
                if entry is None:
                    entry = next(parsed, None)
                    if entry is None:  # the workers stopped: cancelled
                        raise ScanCancelledError(str(self.root))
                builder.add(entry)
            return self.with_index(builder.finish(complete=True))

    def entry_from_disk_path(self, relative: str, absolute: str) -> IndexEntry:
        """The entry of a note file (read with the vault's limits), skipped or not."""
        result = read_note_file(absolute, self.settings.max_file_size)
        if result.skipped:
            log.info("skipping %s: %s", relative, result.skipped)
            return IndexEntry(relative, skipped=result.skipped, stamp=result.stamp)
        return self.entry_from_text(relative, result.text, result.problem, result.stamp)

    def changed_on_disk(self) -> list[str]:
        """The paths whose files differ from what the index holds: notes changed (size or
        modification time), files added, files gone. A walk and a stat a note: for changes
        that no one reported (made before a watcher began to watch)."""
        index = self.index
        seen: set[str] = set()
        changed: list[str] = []
        for relative, absolute in self.walk():
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

    # -- reading notes -------------------------------------------------------------------

    def relative(self, path: Path) -> str:
        return resolve_folders(path).relative_to(resolve_path(self.root)).as_posix()

    def absolute(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> ReadResult:
        """A note's text from disk, with the vault's limits (see :func:`read_note_file`)."""
        return read_note_file(self.absolute(relative), self.settings.max_file_size)

    def load(self, relative: str, text: str | None = None) -> Note:
        """The full parse of a note (text, prose mask), from ``text`` (an editor's copy, held
        to the same size limit as the file) or from disk."""
        problem = None
        if text is not None:
            problem = text_size_problem(text, self.settings.max_file_size)
            if problem is not None:
                text = None
        else:
            result = self.read(relative)
            text, problem = result.text, result.problem
            if result.skipped:
                problem = ("file-encoding", f"blog-lsp skipped this file: it {result.skipped}.")
        if text is None:
            return Note(relative, None, [], [], [], [], [], problem=problem)
        return parse_note(relative, text, full=True)

    def is_draft(self, note: Note) -> bool:
        folder = self._drafts_prefix
        if folder != "/" and name_key(note.path).startswith(folder):
            return True
        kind = note.frontmatter_value("type")
        return isinstance(kind, str) and kind.strip().casefold() == "blog"

    # -- link resolution -----------------------------------------------------------------

    def resolve(self, target: str, from_path: str) -> Resolution:
        """The notes (or attachments) a link target names, shortest path first."""
        index = self.index
        target = target.strip().replace("\\", "/")
        if not target:
            return Resolution((from_path,))
        if target.startswith(("./", "../")):
            folder = from_path.rsplit("/", 1)[0] if "/" in from_path else ""
            joined = posixpath.normpath(posixpath.join(folder, target))
            if joined.startswith("../") or joined == "..":
                return Resolution(())
            for candidate in (joined, joined + NOTE_SUFFIX):
                found = index.by_path_key.get(name_key(candidate))
                if found is not None:
                    return Resolution((found,))
                found = self._attachment_at(candidate)
                if found is not None:
                    return Resolution((found,))
            return Resolution(())
        lowered = name_key(target.lstrip("/"))
        base = lowered[: -len(NOTE_SUFFIX)] if lowered.endswith(NOTE_SUFFIX) else lowered
        name = base.rsplit("/", 1)[-1]
        candidates = [
            path
            for path in index.by_stem.get(name, ())
            if "/" not in base or _path_ends_with(name_key(path)[: -len(NOTE_SUFFIX)], base)
        ]
        if not candidates and "." in name:
            candidates = [
                path
                for path in index.attachments_by_name.get(lowered.rsplit("/", 1)[-1], ())
                if "/" not in lowered or _path_ends_with(name_key(path), lowered)
            ]
        candidates.sort(key=lambda path: (len(path), path))
        return Resolution(tuple(candidates))

    def link_text(self, path: str, from_path: str) -> str:
        """The shortest link text that leads from ``from_path`` to the file at ``path`` alone
        (without '.md' for a note): its name, or as much of its folder path as it takes to
        tell it from files of the same name."""
        base = path[: -len(NOTE_SUFFIX)] if path.lower().endswith(NOTE_SUFFIX) else path
        parts = base.split("/")
        for depth in range(1, len(parts) + 1):
            candidate = "/".join(parts[-depth:])
            if self.resolve(candidate, from_path).candidates == (path,):
                return candidate
        return base

    def _attachment_at(self, relative: str) -> str | None:
        """The attachment at a path, as spelt on disk (case and Unicode form aside)."""
        if relative in self.index.attachments:
            return relative
        wanted = name_key(relative)
        name = wanted.rsplit("/", 1)[-1]
        return next(
            (
                path
                for path in self.index.attachments_by_name.get(name, ())
                if name_key(path) == wanted
            ),
            None,
        )

    def find_subpath(self, note: Note, subpath: str) -> Heading | BlockId | None:
        """The heading (a '#' path: 'A#B') or block ('^id') a link's subpath names."""
        subpath = subpath.strip()
        if subpath.startswith("^"):
            wanted = subpath[1:].casefold()
            return next((b for b in note.block_ids if b.id.casefold() == wanted), None)
        found: Heading | None = None
        start = 0
        for part in (normalise_heading(p) for p in subpath.split("#") if p.strip()):
            for index in range(start, len(note.headings)):
                if normalise_heading(note.headings[index].text) == part:
                    found, start = note.headings[index], index + 1
                    break
            else:
                return None
        return found

    # -- vault-wide facts used by checks and completion ----------------------------------

    def tag_counts(self) -> Counter[str]:
        """How often each tag is written in the vault, frontmatter and inline (for reports;
        completion counts notes, from the index's tag map)."""
        counts: Counter[str] = Counter()
        for note in self.index.notes.values():
            counts.update(tag.name for tag in note.tags)
        return counts

    def vocabulary(self) -> Mapping[str, int]:
        """In how many notes each word (lower case) occurs."""
        return self.index.words

    def used_elsewhere(self, word: str, note: Note) -> bool:
        """Whether a word occurs in some other note of the vault."""
        lowered = word.lower()
        count = self.index.words.get(lowered, 0)
        if has_word(self.index.note_words.get(note.path, ""), lowered):
            count -= 1
        return count > 0


def scan_settings(settings: Settings) -> tuple[object, ...]:
    """The settings that change what a scan finds: a change to any of them means a rescan."""
    return (settings.drafts_folder, tuple(settings.ignore), settings.max_file_size)


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


def _path_ends_with(path: str, suffix: str) -> bool:
    return path == suffix or path.endswith("/" + suffix)
