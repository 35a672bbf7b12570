"""The vault's index as an immutable value: every lookup the checks, completion and navigation
need, kept in persistent maps (``immutables.Map``, a hash array mapped trie).

A change makes a new index that shares all but the changed paths with the old one (a note
set costs microseconds, where copying dicts of ten thousand notes costs tenths of a
millisecond each), so the server can hand a worker the index of the moment and go on
changing its own: the worker's copy never changes under it. Only one writer makes new
indexes (the server's event loop); anything may read any index, on any thread.

The derived maps (names, tags, links, words) and the relevance engine's term index are kept
in step by the same change that updates a note, so nothing needs the whole vault walked per
request.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, cast

import immutables
import msgspec
from rapidfuzz.utils import default_process

from blog_lsp.names import name_key, search_key
from blog_lsp.relevance.postings import TermIndex
from blog_lsp.vault.model import NOTE_SUFFIX as NOTE_SUFFIX  # where notes are named
from blog_lsp.vault.model import Note
from blog_lsp.vault.note_words import word_list, words_of

EMPTY: immutables.Map[Any, Any] = immutables.Map()
_NO_TERMS = TermIndex.empty()
# Versions of the names are taken from one counter, so that two indexes built apart (a scan,
# and the index it replaces) never share a version with different names.
_names_versions = itertools.count(1)


class LinkName(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """Something a wiki-link can be completed with: a note's name, title or alias, or an
    attachment's file name, with its search key. (A struct: ten thousand notes make tens of
    thousands.)"""

    label: str
    path: str
    kind: str  # "note", "title", "alias", "attachment", or "path" (a folder path typed)
    key: str = ""  # the label as completion compares it


def link_names(note: Note) -> tuple[LinkName, ...]:
    """A note's name, then its title and aliases where they differ from what came before."""
    stem = note.stem
    seen = {name_key(stem)}
    names = [LinkName(stem, note.path, "note", search_key(stem))]
    for name, kind in ((note.title, "title"), *((alias, "alias") for alias in note.aliases)):
        if name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(LinkName(name, note.path, kind, search_key(name)))
    return tuple(names)


def link_name(target: str) -> str:
    """The file name a link target ends with, as names are compared (name_key) and without
    '.md': the cheap test that comes before resolving a link ('../Notes/Attention.md' ->
    'attention')."""
    name = name_key(target.replace("\\", "/").rsplit("/", 1)[-1].strip())
    return name[: -len(NOTE_SUFFIX)] if name.endswith(NOTE_SUFFIX) else name


def title_key(title: str) -> str:
    """A title as token_sort_ratio compares it (lower case, no punctuation, words sorted), so
    plain ``fuzz.ratio`` on keys gives the same score without re-tokenising every title."""
    return " ".join(sorted(default_process(title).split()))


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What the index keeps of one file, worked out off the event loop: a note's light parse
    and words, a note file that is skipped (and why), or an attachment."""

    path: str
    note: Note | None = None
    words: str = ""  # see words_of
    names: tuple[LinkName, ...] = ()
    draft: tuple[str, str] | None = None  # a draft's title key and title
    skipped: str | None = None
    attachment: bool = False
    stamp: tuple[int, int] | None = None  # the file's (size, mtime_ns), when read from one
    linked: tuple[str, ...] = ()  # the link_name of each note its links may lead to
    terms: str = ""  # what the note is about: see blog_lsp.relevance.terms
    shingles: bytes = b""  # a draft's wording: see blog_lsp.relevance.shingles

    @classmethod
    def for_note(
        cls,
        note: Note,
        text: str | None,
        *,
        draft: bool,
        stamp: tuple[int, int] | None = None,
        terms: str = "",
        words: str | None = None,
        shingles: bytes = b"",
    ) -> IndexEntry:
        """The entry of a note with this text; ``words`` when they are known (see
        :func:`~blog_lsp.relevance.terms.index_terms`), else worked out from the text."""
        if words is None:
            words = words_of(text) if text is not None else ""
        title = note.title
        found = (title_key(title), title) if draft else None
        linked = tuple({link_name(link.target) for link in note.links if link.target})
        return cls(
            note.path, note, words, link_names(note), found, stamp=stamp, linked=linked,
            terms=terms, shingles=shingles,
        )  # fmt: skip


class VaultIndex:
    """One state of a vault's index. Never changed: :meth:`with_entry` and :meth:`without`
    give new ones, as :class:`IndexBuilder` does for a whole scan."""

    __slots__ = (
        "attachments",
        "attachments_by_name",
        "by_path_key",
        "by_stem",
        "complete",
        "draft_shingles",
        "drafts",
        "linked",
        "names",
        "names_version",
        "note_terms",
        "note_words",
        "notes",
        "relevance",
        "skipped",
        "stamps",
        "tag_spellings",
        "tags",
        "words",
    )

    notes: immutables.Map[str, Note]
    skipped: immutables.Map[str, str]  # note files left out, and why
    stamps: immutables.Map[str, tuple[int, int]]  # note files read from disk: (size, mtime)
    attachments: immutables.Map[str, bool]  # a set: path -> True
    by_stem: immutables.Map[str, tuple[str, ...]]  # name_key(stem) -> paths
    by_path_key: immutables.Map[str, str]  # name_key(path) -> path as spelt on disk
    attachments_by_name: immutables.Map[str, tuple[str, ...]]
    names: immutables.Map[str, tuple[LinkName, ...]]  # path -> its link names
    names_version: int  # changes whenever a name is added, changed or removed
    drafts: immutables.Map[str, tuple[str, str]]  # draft path -> (title_key, title)
    draft_shingles: immutables.Map[str, bytes]  # see blog_lsp.relevance.shingles
    tags: immutables.Map[str, immutables.Map[str, str]]  # folded tag -> path -> spelling
    tag_spellings: immutables.Map[str, immutables.Map[str, int]]  # folded -> spelling -> notes
    linked: immutables.Map[str, immutables.Map[str, bool]]  # link_name -> a set of paths
    words: immutables.Map[str, int]  # word -> notes that hold it
    note_words: immutables.Map[str, str]  # see words_of
    note_terms: immutables.Map[str, str]  # see blog_lsp.relevance.terms.encode_terms
    relevance: TermIndex  # the notes' terms, for BM25 (blog_lsp.relevance)
    # False while the first scan is under way: checks that need the whole vault (links,
    # typos, duplicate drafts) wait for a complete index rather than report false alarms.
    complete: bool

    def __init__(self, complete: bool = True, **maps: Any) -> None:
        for name in _MAPS:
            object.__setattr__(self, name, maps.get(name, EMPTY))
        object.__setattr__(self, "names_version", maps.get("names_version", 0))
        object.__setattr__(self, "complete", complete)
        object.__setattr__(self, "relevance", maps.get("relevance") or _NO_TERMS)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a VaultIndex is never changed (tried to set {name})")

    def with_entry(self, entry: IndexEntry) -> VaultIndex:
        builder = IndexBuilder(self)
        builder.remove(entry.path)
        builder.add(entry)
        return builder.finish(self.complete)

    def without(self, path: str) -> VaultIndex:
        builder = IndexBuilder(self)
        builder.remove(path)
        return builder.finish(self.complete)

    def entries(self) -> list[IndexEntry]:
        """The entries of the notes and files read from disk (not editors' unsaved texts,
        which have no stamp): what the index cache keeps."""
        entries = [
            IndexEntry(
                path,
                note,
                self.note_words.get(path, ""),
                self.names.get(path, ()),
                self.drafts.get(path),
                stamp=stamp,
                linked=tuple(self._linked_names(note)),
                terms=self.note_terms.get(path, ""),
                shingles=self.draft_shingles.get(path, b""),
            )
            for path, note in self.notes.items()
            if (stamp := self.stamps.get(path)) is not None
        ]
        entries.extend(
            IndexEntry(path, skipped=why, stamp=self.stamps.get(path))
            for path, why in self.skipped.items()
        )
        return entries

    @staticmethod
    def _linked_names(note: Note) -> set[str]:
        return {link_name(link.target) for link in note.links if link.target}

    def linking(self, path: str) -> Iterable[str]:
        """The notes with a link whose target ends with this note's name (the cheap test;
        resolve the link to be sure)."""
        return self.linked.get(link_name(path), EMPTY).keys()


_MAPS = tuple(
    name for name in VaultIndex.__slots__ if name not in ("complete", "names_version", "relevance")
)


class IndexBuilder:
    """Makes a new :class:`VaultIndex` from an old one (or from nothing, for a scan), path by
    path. From nothing it fills plain dicts, which are turned into maps once at the end: a
    scan adds millions of words, and a dict takes each far faster than a map mutation."""

    def __init__(self, base: VaultIndex | None = None) -> None:
        self._fresh = base is None
        source = base if base is not None else VaultIndex()
        self._names_version = source.names_version
        self._maps: dict[str, MutableMapping[str, Any]] = {
            name: ({} if self._fresh else getattr(source, name).mutate()) for name in _MAPS
        }
        # The term index: built from every note's terms at the end of a fresh build, updated
        # note by note otherwise.
        self._terms = None if self._fresh else source.relevance.updater()
        if self._fresh:
            self._maps["words"] = Counter()  # counted in C: a scan adds millions of words
        self._names_changed = False
        # Names taken out with a path, to tell whether putting the path back changed them.
        self._removed_names: dict[str, tuple[LinkName, ...] | bool] = {}

    # -- the nested containers: dicts in a fresh build, maps in an update ---------------

    def _nested_add(self, outer: str, key: str, inner_key: str, value: Any) -> None:
        table = self._maps[outer]
        inner = table.get(key)
        if self._fresh:
            if inner is None:
                inner = table[key] = {}
            inner[inner_key] = value
        else:
            table[key] = (inner if inner is not None else EMPTY).set(inner_key, value)

    def _nested_remove(self, outer: str, key: str, inner_key: str) -> None:
        table = self._maps[outer]
        inner = table.get(key)
        if inner is None or inner_key not in inner:
            return
        if self._fresh:
            del inner[inner_key]
            if not inner:
                del table[key]
            return
        inner = inner.delete(inner_key)
        if inner:
            table[key] = inner
        else:
            del table[key]

    def _names(self, path: str, names: tuple[LinkName, ...] | bool) -> None:
        if self._removed_names.pop(path, None) != names:
            self._names_changed = True

    def _count(self, outer: str, key: str, inner_key: str, change: int) -> None:
        table = self._maps[outer]
        inner = table.get(key)
        count = (inner.get(inner_key, 0) if inner is not None else 0) + change
        if count > 0:
            self._nested_add(outer, key, inner_key, count)
        else:
            self._nested_remove(outer, key, inner_key)

    @staticmethod
    def _tuple_add(table: MutableMapping[str, tuple[str, ...]], key: str, path: str) -> None:
        table[key] = (*table.get(key, ()), path)

    @staticmethod
    def _tuple_remove(table: MutableMapping[str, tuple[str, ...]], key: str, path: str) -> None:
        paths = tuple(p for p in table.get(key, ()) if p != path)
        if paths:
            table[key] = paths
        elif key in table:
            del table[key]

    # -- paths ---------------------------------------------------------------------------

    def add(self, entry: IndexEntry) -> None:
        """Add a path that is not in the index (remove it first when it may be)."""
        path = entry.path
        maps = self._maps
        if entry.stamp is not None:
            maps["stamps"][path] = entry.stamp
        if entry.attachment:
            maps["attachments"][path] = True
            self._tuple_add(maps["attachments_by_name"], name_key(path.rsplit("/", 1)[-1]), path)
            self._names(path, True)
            return
        if entry.note is None:
            maps["skipped"][path] = entry.skipped or "cannot be read"
            return
        note = entry.note
        maps["notes"][path] = note
        self._tuple_add(maps["by_stem"], name_key(note.stem), path)
        maps["by_path_key"][name_key(path)] = path
        maps["names"][path] = entry.names
        self._names(path, entry.names)
        if entry.draft is not None:
            maps["drafts"][path] = entry.draft
        if entry.shingles:
            maps["draft_shingles"][path] = entry.shingles
        tags = {tag.name.casefold(): tag.name for tag in note.tags}
        if entry.words:
            maps["note_words"][path] = entry.words
        if entry.terms:
            maps["note_terms"][path] = entry.terms
        if self._terms is not None:
            self._terms.add(path, entry.terms)
        if self._fresh:  # a scan: plain dicts, no mutations to make, as fast as it goes
            self._add_fresh(path, tags, entry)
            return
        for folded, spelling in tags.items():
            self._nested_add("tags", folded, path, spelling)
            self._count("tag_spellings", folded, spelling, 1)
        for name in entry.linked:
            self._nested_add("linked", name, path, True)
        words = maps["words"]
        for word in word_list(entry.words):
            words[word] = words.get(word, 0) + 1

    def _add_fresh(self, path: str, tags: dict[str, str], entry: IndexEntry) -> None:
        maps = self._maps
        tag_paths, spellings = maps["tags"], maps["tag_spellings"]
        for folded, spelling in tags.items():
            found = tag_paths.get(folded)
            if found is None:
                found = tag_paths[folded] = {}
            found[path] = spelling
            counts = spellings.get(folded)
            if counts is None:
                counts = spellings[folded] = {}
            counts[spelling] = counts.get(spelling, 0) + 1
        linked = maps["linked"]
        for name in entry.linked:
            found = linked.get(name)
            if found is None:
                found = linked[name] = {}
            found[path] = True
        words = cast("Counter[str]", maps["words"])  # a fresh build's words are a Counter
        words.update(word_list(entry.words))  # counted in C

    def remove(self, path: str) -> None:
        """Remove a path (a note, a skipped file or an attachment), if it is there."""
        maps = self._maps
        if path in maps["stamps"]:
            del maps["stamps"][path]
        if path in maps["attachments"]:
            del maps["attachments"][path]
            self._tuple_remove(maps["attachments_by_name"], name_key(path.rsplit("/", 1)[-1]), path)
            self._removed_names[path] = True
        if path in maps["skipped"]:
            del maps["skipped"][path]
        note = maps["notes"].get(path)
        if note is None:
            return
        del maps["notes"][path]
        self._tuple_remove(maps["by_stem"], name_key(note.stem), path)
        key = name_key(path)
        if maps["by_path_key"].get(key) == path:  # not a look-alike's entry
            del maps["by_path_key"][key]
        if path in maps["drafts"]:
            del maps["drafts"][path]
        if path in maps["draft_shingles"]:
            del maps["draft_shingles"][path]
        self._removed_names[path] = maps["names"].get(path, ())
        if path in maps["names"]:
            del maps["names"][path]
        for folded, spelling in {tag.name.casefold(): tag.name for tag in note.tags}.items():
            self._nested_remove("tags", folded, path)
            self._count("tag_spellings", folded, spelling, -1)
        for name in VaultIndex._linked_names(note):
            self._nested_remove("linked", name, path)
        old_terms = maps["note_terms"].get(path)
        if old_terms is not None:
            del maps["note_terms"][path]
        if self._terms is not None:
            self._terms.remove(path, old_terms or "")
        old_words = maps["note_words"].get(path)
        if old_words is not None:
            del maps["note_words"][path]
            words = maps["words"]
            for word in word_list(old_words):
                left = words.get(word, 0) - 1
                if left > 0:
                    words[word] = left
                elif word in words:
                    del words[word]

    def partial(self) -> VaultIndex:
        """The index so far, incomplete, with what completion and navigation need during a
        first scan (notes, names, tags): cheaper than :meth:`finish`, and the build goes on."""
        wanted = ("notes", "by_stem", "by_path_key", "names", "attachments", "tags")
        maps = {name: immutables.Map(self._maps[name]) for name in wanted if self._fresh}
        if "tags" in maps:
            maps["tags"] = immutables.Map(
                {key: immutables.Map(value) for key, value in self._maps["tags"].items()}
            )
        return VaultIndex(False, names_version=next(_names_versions), **maps)

    def _term_index(self, note_terms: Mapping[str, str], notes: Iterable[str]) -> TermIndex:
        """The term index of the finished index: built from every note's terms after a scan
        (or when too many notes changed since the last build), else the updated one."""
        if self._terms is not None:
            updated = self._terms.finish()
            if not updated.needs_compaction:
                return updated
        return TermIndex.build((path, note_terms.get(path, "")) for path in notes)

    def finish(self, complete: bool = True) -> VaultIndex:
        maps: dict[str, Any] = {}
        for name, table in self._maps.items():
            if self._fresh:
                nested = name in ("tags", "tag_spellings", "linked")
                maps[name] = immutables.Map(
                    {key: immutables.Map(value) for key, value in table.items()}
                    if nested
                    else table
                )
            else:
                maps[name] = table.finish()  # type: ignore[attr-defined]
        # Names taken out and not put back are a change too.
        changed = self._names_changed or bool(self._removed_names)
        version = next(_names_versions) if changed else self._names_version
        relevance = self._term_index(maps["note_terms"], maps["notes"])
        return VaultIndex(complete, names_version=version, relevance=relevance, **maps)
