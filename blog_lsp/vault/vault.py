"""The vault: where it is, which notes it holds, and how wiki-links resolve, as Obsidian does."""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import logging
import os
import posixpath
import re
import stat
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from blog_lsp import settings as settings_module
from blog_lsp.names import name_key
from blog_lsp.paths import resolve_path
from blog_lsp.settings import CONFIG_FILENAME, SettingProblem, Settings
from blog_lsp.vault.model import BlockId, Heading, Link, Note
from blog_lsp.vault.parse import parse_note

log = logging.getLogger(__name__)

SKIPPED_FOLDERS = frozenset({".obsidian", ".trash", ".git", "node_modules"})
NOTE_SUFFIX = ".md"
_BINARY_SNIFF = 8192
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def find_root(path: Path) -> Path:
    """The nearest ancestor holding `.obsidian/`, else one holding `.blog-lsp.toml`, else the
    folder given (or the file's folder). A `.blog-lsp.toml` of any kind marks the vault (its
    settings report what is wrong with it); an `.obsidian` that is not a folder does not, and
    is named in a warning."""
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
    return start


_warned: set[Hashable] = set()


def warn_once(key: Hashable, message: str, *args: object) -> None:
    """Log a warning once per process for each ``key``: the server finds vault roots and
    builds check contexts again and again, and one message is enough."""
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


@dataclass(frozen=True, slots=True)
class ReadResult:
    """A note's text, or why it has none: (rule code, message) for a finding, or a skip."""

    text: str | None
    problem: tuple[str, str] | None = None
    skipped: str | None = None  # a reason that is logged, not reported (binary files)


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


def _read_bytes(path: Path, max_size: int) -> bytes | int:
    """The bytes of a regular file, or its size when that is over ``max_size``. Raises
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
        if status.st_size > max_size:
            return status.st_size
        parts = [os.read(descriptor, status.st_size + 1)]
        while len(parts[-1]) > 0 and sum(map(len, parts)) <= max_size:
            parts.append(os.read(descriptor, 1 << 16))  # the file grew while we read it
        data = b"".join(parts)
        return len(data) if len(data) > max_size else data
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


def read_note_file(path: Path, max_size: int) -> ReadResult:
    """Read a note, never raising and never blocking: too large, binary, not UTF-8 files are
    reported; unreadable files and anything that is not a regular file (a named pipe, a
    device, a symbolic link loop) are skipped with a reason. The one reader of notes: the
    scan, :meth:`Vault.load`, the vocabulary and the word lists all read through it."""
    try:
        data = _read_bytes(path, max_size)
    except NotRegularFileError as error:
        return ReadResult(None, skipped=error.reason)
    except OSError as error:
        return ReadResult(None, skipped=f"cannot be read: {error.strerror or error}")
    if isinstance(data, int):
        return ReadResult(None, _too_large(data, max_size))
    if b"\x00" in data[:_BINARY_SNIFF]:
        return ReadResult(None, skipped="looks like a binary file (it holds NUL bytes)")
    try:
        return ReadResult(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        byte = data[error.start]
        return ReadResult(
            None,
            (
                "file-encoding",
                f"This file is not UTF-8 text (byte 0x{byte:02x} at offset {error.start}); "
                "save it as UTF-8 to have it checked.",
            ),
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


class Vault:
    """The notes of one vault, indexed for link resolution, completion and checks.

    The index keeps each note's structure (frontmatter, headings, links, tags), not its text:
    checks re-read the text through :meth:`load`.
    """

    def __init__(
        self,
        root: Path,
        settings: Settings | None = None,
        problems: Iterable[SettingProblem] = (),
    ) -> None:
        self.root = root
        self.settings = settings or Settings()  # through the setter below
        self.setting_problems: list[SettingProblem] = list(problems)
        self.notes: dict[str, Note] = {}
        self.attachments: set[str] = set()
        self.skipped: dict[str, str] = {}
        # Keyed by name_key (case and Unicode form folded); the values keep the spelling on disk.
        self._by_stem: dict[str, list[str]] = {}
        self._by_path_key: dict[str, str] = {}
        self._attachments_by_name: dict[str, list[str]] = {}
        self._vocabulary: Counter[str] | None = None
        self._vocabulary_lock = threading.Lock()
        self._note_words: dict[str, frozenset[str]] = {}

    @property
    def settings(self) -> Settings:
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value
        # is_draft runs for every note in a vault-wide pass: work the prefix out once.
        self._drafts_prefix = name_key(value.drafts_folder.strip("/")) + "/"

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
        if scan:
            vault.scan()
        return vault

    def is_ignored(self, relative: str) -> bool:
        return any(
            fnmatch.fnmatchcase(relative, pattern)
            or fnmatch.fnmatchcase(relative, pattern.rstrip("/") + "/*")
            for pattern in self.settings.ignore
        )

    def walk(self) -> Iterator[tuple[str, Path]]:
        """Every file of the vault that is not skipped: (relative posix path, absolute path)."""
        root = str(self.root)
        for folder, subfolders, files in os.walk(root, onerror=self._unreadable_folder):
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
                    yield relative, Path(folder, name)

    def _unreadable_folder(self, error: OSError) -> None:
        """A folder the walk cannot list: its notes are missing from the index, so say so."""
        where = error.filename if error.filename is not None else self.root
        relative = os.path.relpath(where, self.root).replace(os.sep, "/")
        log.warning(
            "cannot read the folder %s: %s; the notes in it are not checked",
            relative if relative != "." else self.root,
            error.strerror or error,
        )

    def scan(self, progress: Callable[[int], None] | None = None) -> None:
        """Index every note of the vault (the light parse: no prose mask, no text kept).
        ``progress`` hears the number of files seen so far, every few hundred files."""
        self.notes.clear()
        self.attachments.clear()
        self.skipped.clear()
        self._by_stem.clear()
        self._by_path_key.clear()
        self._attachments_by_name.clear()
        self._vocabulary = None
        self._note_words.clear()
        with _collector_paused():
            for seen, (relative, absolute) in enumerate(self.walk(), 1):
                if progress is not None and seen % 500 == 0:
                    progress(seen)
                if relative.lower().endswith(NOTE_SUFFIX):
                    self._index_file(relative, absolute)
                else:
                    self._add_attachment(relative)

    def _index_file(self, relative: str, absolute: Path) -> None:
        result = read_note_file(absolute, self.settings.max_file_size)
        if result.skipped:
            log.info("skipping %s: %s", relative, result.skipped)
            self.skipped[relative] = result.skipped
            return
        self.set_note(relative, result.text, problem=result.problem)

    def _add_attachment(self, relative: str) -> None:
        self.attachments.add(relative)
        name = name_key(relative.rsplit("/", 1)[-1])
        self._attachments_by_name.setdefault(name, []).append(relative)

    def set_note(
        self, relative: str, text: str | None, *, problem: tuple[str, str] | None = None
    ) -> Note:
        """Add or replace a note in the index from its text (an editor's unsaved text too)."""
        if relative in self.notes:
            self._forget(relative)
        if text is not None and problem is None:
            problem = text_size_problem(text, self.settings.max_file_size)
            if problem is not None:
                text = None
        if text is None:
            note = Note(relative, None, [], [], [], [], [], problem=problem)
        else:
            note = parse_note(relative, text, full=False)
            note.problem = problem
        self.notes[relative] = note
        if self._vocabulary is not None and text is not None:
            words = frozenset(word.lower() for word in _WORD.findall(text))
            self._note_words[relative] = words
            self._vocabulary.update(words)
        self._by_stem.setdefault(name_key(note.stem), []).append(relative)
        self._by_path_key[name_key(relative)] = relative
        return note

    def reindex(self, relative: str) -> None:
        """Read one note again from disk (it was created or changed outside the editor)."""
        self.remove_note(relative)
        self.skipped.pop(relative, None)
        if relative.lower().endswith(NOTE_SUFFIX):
            self._index_file(relative, self.absolute(relative))
        else:
            self._add_attachment(relative)

    def remove_note(self, relative: str) -> None:
        if relative in self.notes:
            self._forget(relative)
            del self.notes[relative]
        self.attachments.discard(relative)
        name = name_key(relative.rsplit("/", 1)[-1])
        if relative in self._attachments_by_name.get(name, []):
            self._attachments_by_name[name].remove(relative)

    def _forget(self, relative: str) -> None:
        paths = self._by_stem.get(name_key(self.notes[relative].stem), [])
        if relative in paths:
            paths.remove(relative)
        key = name_key(relative)
        if self._by_path_key.get(key) == relative:  # not a look-alike's entry
            del self._by_path_key[key]
        if self._vocabulary is not None and relative in self._note_words:
            self._vocabulary.subtract(self._note_words.pop(relative))

    # -- reading notes -------------------------------------------------------------------

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()

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

    def snapshot(self) -> list[Note]:
        """The notes as a list: safe to walk while the server's threads update the index."""
        return list(self.notes.values())

    def drafts(self) -> list[Note]:
        return [note for note in self.snapshot() if self.is_draft(note)]

    # -- link resolution -----------------------------------------------------------------

    def resolve(self, target: str, from_path: str) -> Resolution:
        """The notes (or attachments) a link target names, shortest path first."""
        target = target.strip().replace("\\", "/")
        if not target:
            return Resolution((from_path,))
        if target.startswith(("./", "../")):
            folder = from_path.rsplit("/", 1)[0] if "/" in from_path else ""
            joined = posixpath.normpath(posixpath.join(folder, target))
            if joined.startswith("../") or joined == "..":
                return Resolution(())
            for candidate in (joined, joined + NOTE_SUFFIX):
                found = self._by_path_key.get(name_key(candidate))
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
            for path in self._by_stem.get(name, ())
            if "/" not in base or _path_ends_with(name_key(path)[: -len(NOTE_SUFFIX)], base)
        ]
        if not candidates and "." in name:
            candidates = [
                path
                for path in self._attachments_by_name.get(lowered.rsplit("/", 1)[-1], ())
                if "/" not in lowered or _path_ends_with(name_key(path), lowered)
            ]
        candidates.sort(key=lambda path: (len(path), path))
        return Resolution(tuple(candidates))

    def _attachment_at(self, relative: str) -> str | None:
        """The attachment at a path, as spelt on disk (case and Unicode form aside)."""
        if relative in self.attachments:
            return relative
        wanted = name_key(relative)
        name = wanted.rsplit("/", 1)[-1]
        return next(
            (path for path in self._attachments_by_name.get(name, ()) if name_key(path) == wanted),
            None,
        )

    def resolve_link(self, link: Link, from_path: str) -> Resolution:
        return self.resolve(link.target, from_path)

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
        counts: Counter[str] = Counter()
        for note in self.snapshot():
            counts.update(tag.name for tag in note.tags)
        return counts

    def vocabulary(self) -> Counter[str]:
        """In how many notes each word (lower case) occurs; built once, on first use (the
        server builds it in the background once the index is complete)."""
        if self._vocabulary is None:
            with self._vocabulary_lock:
                if self._vocabulary is None:
                    vocabulary: Counter[str] = Counter()
                    for relative in list(self.notes):
                        words = self._words_of(relative)
                        self._note_words[relative] = words
                        vocabulary.update(words)
                    self._vocabulary = vocabulary
        return self._vocabulary

    def _words_of(self, relative: str) -> frozenset[str]:
        text = self.read(relative).text
        return frozenset() if text is None else frozenset(w.lower() for w in _WORD.findall(text))

    def used_elsewhere(self, word: str, note: Note) -> bool:
        """Whether a word occurs in some other note of the vault."""
        lowered = word.lower()
        count = self.vocabulary().get(lowered, 0)
        if lowered in self._note_words.get(note.path, ()):
            count -= 1
        return count > 0


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
