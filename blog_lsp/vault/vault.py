"""The vault: where it is, which notes it holds, and how wiki-links resolve, as Obsidian does."""

from __future__ import annotations

import fnmatch
import logging
import os
import posixpath
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import immutables

from blog_lsp import settings as settings_module
from blog_lsp.names import name_key
from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.relevance.shingles import content_shingles, encode_shingles
from blog_lsp.relevance.terms import index_terms
from blog_lsp.settings import CONFIG_FILENAME, SettingProblem, Settings
from blog_lsp.vault import scan as scanning
from blog_lsp.vault.files import (
    ReadResult,
    Stamp,
    find_root,
    read_note_file,
    text_size_problem,
)
from blog_lsp.vault.index import NOTE_SUFFIX, IndexEntry, VaultIndex
from blog_lsp.vault.model import BlockId, Heading, Note
from blog_lsp.vault.note_words import has_word
from blog_lsp.vault.parse import parse_note, parse_note_prose
from blog_lsp.vault.scan import SKIPPED_FOLDERS

log = logging.getLogger(__name__)


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
        shingles = b""
        if text is None:
            note = Note(relative, None, [], [], [], [], [], problem=problem)
        else:
            # The light parse the index keeps, with the prose the relevance engine weighs;
            # the words of prose and the rest are the note's words, in one pass.
            note, prose, other, joined = parse_note_prose(relative, text)
            terms, words = index_terms(note, prose, None if joined else other, text)
            note.problem = problem
            if self.is_draft(note):
                # Only drafts are compared by their wording (the duplicate-draft rule).
                shingles = encode_shingles(content_shingles(prose))
        return IndexEntry.for_note(
            note, text, draft=self.is_draft(note), stamp=stamp, terms=terms, words=words,
            shingles=shingles,
        )  # fmt: skip

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
        editor_settings: Mapping[str, Any] | None = None,
        scan: bool = True,
    ) -> Vault:
        """The vault holding ``path`` (see :func:`find_root`), with its settings loaded (see
        :func:`open_vault`) and (by default) scanned."""
        vault = open_vault(
            find_root(path), config_file=config_file, editor_settings=editor_settings
        )
        return vault.scanned() if scan else vault

    def reload_settings(
        self, editor_settings: Mapping[str, Any] | None = None, *, own_settings: bool = True
    ) -> SettingsChange:
        """The settings read again (the config file at the root, then the editor's): this
        vault's index under them, and whether the index must be built again."""
        reopened = open_vault(
            self.root, editor_settings=editor_settings, own_settings=own_settings, index=self.index
        )
        rescan = _scan_settings(reopened.settings) != _scan_settings(self.settings)
        return SettingsChange(reopened, rescan=rescan)

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

    # The scan's functions, as methods (see blog_lsp.vault.scan).
    walk = scanning.walk
    scanned = scanning.scanned
    changed_on_disk = scanning.changed_on_disk

    def save_cache(self) -> bool:
        """Write this vault's index to the cache (when the ``cache`` setting allows)."""
        from blog_lsp.vault import cache

        return self.settings.cache and cache.save(self.root, self.settings, self.index.entries())

    def entry_from_disk_path(self, relative: str, absolute: str) -> IndexEntry:
        """The entry of a note file (read with the vault's limits), skipped or not."""
        result = read_note_file(absolute, self.settings.max_file_size)
        if result.skipped:
            log.info("skipping %s: %s", relative, result.skipped)
            return IndexEntry(relative, skipped=result.skipped, stamp=result.stamp)
        return self.entry_from_text(relative, result.text, result.problem, result.stamp)

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


def open_vault(
    root: Path,
    *,
    config_file: Path | None = None,
    editor_settings: Mapping[str, Any] | None = None,
    own_settings: bool = True,
    index: VaultIndex | None = None,
) -> Vault:
    """The vault at ``root``, not scanned, with its settings: the defaults, then its config
    file (``config_file``, else the one at its root; none when ``own_settings`` is False: the
    folder of a lone note is no vault), then the editor's, which win. The problems are the
    caller's to show (``check`` reports them as findings, the server as diagnostics). The one
    place a vault's settings are read: the CLI, ``check`` and the server all open vaults here."""
    config = config_file if config_file is not None else root / CONFIG_FILENAME
    settings, problems = settings_module.load(config if own_settings else None, editor_settings)
    return Vault(root, settings, problems, index)


@dataclass(frozen=True, slots=True)
class SettingsChange:
    """A vault's settings read again: the vault (the same index) under the new settings, and
    whether a setting that changes what a scan finds changed (the drafts folder, the ignored
    paths, the size limit), so that the index must be built again."""

    vault: Vault
    rescan: bool


def _scan_settings(settings: Settings) -> tuple[object, ...]:
    return (settings.drafts_folder, tuple(settings.ignore), settings.max_file_size)


def _path_ends_with(path: str, suffix: str) -> bool:
    return path == suffix or path.endswith("/" + suffix)
