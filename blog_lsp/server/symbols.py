"""Document symbols (the heading tree of a note) and workspace symbols (notes and headings of
every vault, matched fuzzily).

Workspace symbols search a per-vault index of names, kept in step with the vault index: each
request first brings it up to date, re-reading only the notes whose index entry changed (the
vault replaces a note's entry whenever it reparses it). Equal names are matched once ("Section
1" in a thousand notes costs one comparison), then ranked and cut as `[[` completion ranks
link names (:func:`~blog_lsp.completion.ranking.rank_names`): only names holding the letters
typed, in order (near misses when none does), the closest first; within a name, notes before
headings, shorter names first.
"""

from __future__ import annotations

import asyncio
import gc
import heapq
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types

from blog_lsp.completion.ranking import NameLetters, rank_names
from blog_lsp.cursor.at_position import title_heading
from blog_lsp.names import search_key
from blog_lsp.server.backlinks import NoteReader
from blog_lsp.server.requests import document, line_range, never_fails
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.text import Range
from blog_lsp.vault.model import Heading, Note
from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)

MAX_WORKSPACE_SYMBOLS = 100
# Names are matched before they are expanded to symbols: leave room for names many notes share.
MAX_MATCHED_NAMES = 300
# Re-reading this many notes at once (the first search, a rescan) is a rebuild.
FREEZE_AFTER = 500


# -- document symbols ----------------------------------------------------------------------


def _heading_name(heading: Heading) -> str:
    # LSP clients reject symbols with empty names ('#' alone on a line is a heading).
    return heading.text or "(empty heading)"


def _section_ranges(note: Note) -> list[Range]:
    """Each heading's section: from the heading to the line before the next heading of the
    same or a higher level (or the end of the note), so that sections nest."""
    assert note.lines is not None
    lines = note.lines
    end_of_note = line_range(note, lines.line_count - 1).end
    ranges: list[Range] = []
    for index, heading in enumerate(note.headings):
        end = end_of_note
        for later in note.headings[index + 1 :]:
            if later.level <= heading.level:
                end = line_range(note, later.range.start.line - 1).end
                break
        if end < heading.range.end:
            end = heading.range.end
        ranges.append(Range(heading.range.start, end))
    return ranges


def document_symbols(
    ls: BlogLanguageServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol] | list[types.SymbolInformation] | None:
    found = document(ls, params.text_document.uri)
    if found is None:
        return None
    _, note = found
    sections = _section_ranges(note)
    if not ls.client.hierarchical_symbols:
        return _flat_symbols(ls, params.text_document.uri, note, sections)
    roots: list[types.DocumentSymbol] = []
    stack: list[tuple[int, types.DocumentSymbol]] = []  # (level, symbol) of the open sections
    for heading, section in zip(note.headings, sections, strict=True):
        symbol = types.DocumentSymbol(
            name=_heading_name(heading),
            kind=types.SymbolKind.String,  # what VS Code's own Markdown support uses
            range=ls.to_client_range(note, section),
            selection_range=ls.to_client_range(note, heading.text_range),
            detail="#" * heading.level,
            children=[],
        )
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        if stack:
            stack[-1][1].children.append(symbol)  # type: ignore[union-attr]
        else:
            roots.append(symbol)
        stack.append((heading.level, symbol))
    return roots


def _flat_symbols(
    ls: BlogLanguageServer, uri: str, note: Note, sections: list[Range]
) -> list[types.SymbolInformation]:
    result: list[types.SymbolInformation] = []
    parents: list[Heading] = []
    for heading, section in zip(note.headings, sections, strict=True):
        while parents and parents[-1].level >= heading.level:
            parents.pop()
        result.append(
            types.SymbolInformation(
                name=_heading_name(heading),
                kind=types.SymbolKind.String,
                location=types.Location(uri=uri, range=ls.to_client_range(note, section)),
                container_name=_heading_name(parents[-1]) if parents else None,
            )
        )
        parents.append(heading)
    return result


# -- workspace symbols ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One symbol: a note (``heading`` None) or one of its headings (index in its list)."""

    path: str
    heading: int | None
    name: str
    container: str | None


def _entries(note: Note) -> list[tuple[Entry, tuple[str, ...]]]:
    """A note's symbols, each with the names it is found by: a note by its file name, its
    title and its aliases; a heading by its text."""
    folder = note.folder or None
    names = [note.stem]
    if note.title != note.stem:
        names.append(note.title)
    names.extend(note.aliases)
    found = [(Entry(note.path, None, note.stem, folder), tuple(names))]
    title = title_heading(note)
    for index, heading in enumerate(note.headings):
        # The H1 that spells the note's name is the note, already listed.
        if heading.text and heading is not title:
            found.append((Entry(note.path, index, heading.text, note.stem), (heading.text,)))
    return found


def _key(name: str) -> str:
    return search_key(name)


class SymbolIndex:
    """The names of one vault's notes and headings, ready for fuzzy matching."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._notes: dict[str, tuple[Note, list[tuple[Entry, tuple[str, ...]]]]] = {}
        self._by_key: dict[str, set[Entry]] = {}
        # Shorter names first: among equal matches, the likelier (as for link completion).
        self._keys: list[str] | None = None
        self._letters: NameLetters | None = None

    def refresh(self, vault: Vault) -> None:
        """Bring the index in step with the vault's: re-read the notes whose entry the vault
        replaced. Keeping the old Note objects here means an identity test is enough."""
        current = list(vault.notes.items())  # a copy: the index may be updated meanwhile
        with self._lock:
            reread = 0
            seen: set[str] = set()
            for path, note in current:
                seen.add(path)
                known = self._notes.get(path)
                if known is not None and known[0] is note:
                    continue
                if known is not None:
                    self._drop(known[1])
                entries = _entries(note)
                self._notes[path] = (note, entries)
                for entry, names in entries:
                    for key in {_key(name) for name in names}:
                        if key:
                            self._by_key.setdefault(key, set()).add(entry)
                reread += 1
            gone = [path for path in self._notes if path not in seen]
            for path in gone:
                self._drop(self._notes.pop(path)[1])
            if reread or gone:
                self._keys = None
            if reread >= FREEZE_AFTER:
                # As the vault does after a scan: the cyclic collector walking the index's
                # objects again and again tripled the slowest searches (p95 87 ms -> 27 ms).
                gc.freeze()

    def _drop(self, entries: Iterable[tuple[Entry, tuple[str, ...]]]) -> None:
        for entry, names in entries:
            for key in {_key(name) for name in names}:
                holders = self._by_key.get(key)
                if holders is not None:
                    holders.discard(entry)
                    if not holders:
                        del self._by_key[key]

    def search(self, query: str, limit: int = MAX_WORKSPACE_SYMBOLS) -> list[tuple[Entry, float]]:
        from rapidfuzz import fuzz

        wanted = _key(query)
        with self._lock:
            if self._keys is None:
                self._keys = sorted(self._by_key, key=lambda key: (len(key), key))
                self._letters = NameLetters(self._keys)
            assert self._letters is not None
            if not wanted:
                # An empty query asks for everything: the notes, by name.
                notes = [entries[0][0] for _, entries in self._notes.values()]
                return [(entry, 100.0) for entry in heapq.nsmallest(limit, notes, key=_order)]
            ranked, _ = rank_names(wanted, self._keys, self._letters, MAX_MATCHED_NAMES)
            # A name many notes share ('Introduction') is expanded only as far as the results
            # need. The score orders the symbols of several vaults.
            found: list[tuple[Entry, float]] = []
            seen: set[Entry] = set()
            for position in ranked:
                key = self._keys[position]
                holders = self._by_key.get(key, ())
                need = limit - len(found)
                if need <= 0:
                    break
                picked = (
                    heapq.nsmallest(need + len(seen), holders, key=_order)
                    if len(holders) > need
                    else sorted(holders, key=_order)
                )
                score = fuzz.WRatio(wanted, key, processor=None)
                for entry in picked:
                    if entry not in seen and len(found) < limit:
                        seen.add(entry)
                        found.append((entry, score))
        return found


def _order(entry: Entry) -> tuple[bool, int, str, str, int]:
    return (
        entry.heading is not None,
        len(entry.name),
        entry.name.casefold(),
        entry.path,
        entry.heading or 0,
    )


# By vault root: each vault value is a new object, and the index follows them all.
_indexes: dict[Path, SymbolIndex] = {}
_indexes_lock = threading.Lock()


def symbol_index(vault: Vault) -> SymbolIndex:
    with _indexes_lock:
        index = _indexes.get(vault.root)
        if index is None:
            index = _indexes[vault.root] = SymbolIndex()
    return index


def _workspace_symbols(
    ls: BlogLanguageServer, readers: list[NoteReader], query: str
) -> list[types.WorkspaceSymbol]:
    """Runs in a worker thread."""
    found: list[tuple[float, NoteReader, Entry]] = []
    for reader in readers:
        index = symbol_index(reader.vault)
        index.refresh(reader.vault)
        found.extend((score, reader, entry) for entry, score in index.search(query))
    if len(readers) > 1:
        found.sort(key=lambda item: -item[0])
    result: list[types.WorkspaceSymbol] = []
    for _, reader, entry in found[:MAX_WORKSPACE_SYMBOLS]:
        if entry.heading is None:
            # The top of a note is (0, 0) in every encoding: no need to read the note.
            top = types.Range(types.Position(0, 0), types.Position(0, 0))
            location = types.Location(uri=reader.uri(entry.path), range=top)
        else:
            note = reader.note(entry.path)
            # The index may be a step behind the text: check the heading is still there.
            heading = note.headings[entry.heading] if entry.heading < len(note.headings) else None
            if heading is None or heading.text != entry.name:
                heading = next((h for h in note.headings if h.text == entry.name), None)
            if heading is None or note.text is None:
                continue
            location = types.Location(
                uri=reader.uri(entry.path), range=ls.to_client_range(note, heading.text_range)
            )
        result.append(
            types.WorkspaceSymbol(
                name=entry.name,
                kind=types.SymbolKind.File if entry.heading is None else types.SymbolKind.String,
                location=location,
                container_name=entry.container,
            )
        )
    return result


async def workspace_symbols(
    ls: BlogLanguageServer, params: types.WorkspaceSymbolParams
) -> list[types.WorkspaceSymbol]:
    readers = [NoteReader.capture(ls, state.vault) for state in list(ls.vaults.values())]
    if not readers:
        return []
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(ls.executor, _workspace_symbols, ls, readers, params.query)


def register(server: BlogLanguageServer) -> None:
    server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)(never_fails(document_symbols))
    server.feature(types.WORKSPACE_SYMBOL)(never_fails(workspace_symbols))
