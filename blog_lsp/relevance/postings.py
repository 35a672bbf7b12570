"""BM25 over the vault's notes, kept in step with the index note by note.

A :class:`TermIndex` is a value, like the vault index that holds it. It has two parts:

- the **base**, built once from every note (a scan): for each term, the notes holding it and
  each note's BM25 weight for it, in two compact arrays. Read-only, shared by every later
  value;
- the **overlay**: the notes changed or added since, as persistent maps (``immutables``) of
  term -> note -> count. A keystroke in a draft changes the counts of the terms it changed
  (a diff of the old and new counts), in microseconds; the draft's base copy is marked gone.

A search adds up the base's weights for the query's terms, then the overlay's (weighed on
the spot), and leaves out the notes that are gone. When
the overlay grows past :data:`COMPACT_AT` notes (a branch switched under the editor), the
next change builds a new base from every note (see ``IndexBuilder``).

Why not a library: ``rank-bm25`` scores every note for every query term in Python (hundreds
of milliseconds for 10,000 notes), and ``bm25s`` (fast, on numpy and scipy) builds a static
index only: neither follows a note's change. Measured in ``benchmarks/bench_relevance.py``.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections.abc import Container, Iterable, Iterator, Mapping
from typing import Any

import immutables

from blog_lsp.relevance.terms import decode_terms

K1 = 1.2
B = 0.75
# Past this many changed notes (and half the base), a new base is built.
COMPACT_AT = 2000

_EMPTY: immutables.Map[Any, Any] = immutables.Map()


def _norm(length: int, average: float) -> float:
    """BM25's length normalisation of a note, times k1."""
    return K1 * (1 - B + B * length / average) if average else K1


def term_weight(count: int, norm: float) -> float:
    """BM25's saturated term frequency: how much a term's count in a note counts."""
    return count * (K1 + 1) / (count + norm)


class _Base:
    """The notes of one build, in compact arrays (see the module's notes). Never changed."""

    __slots__ = ("average_length", "df", "ids", "paths", "postings", "total_length")

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        paths: list[str] = []
        counts: list[dict[str, int]] = []
        for path, encoded in items:
            paths.append(path)
            counts.append(decode_terms(encoded))
        lengths = [sum(found.values()) for found in counts]
        self.paths = tuple(paths)
        self.ids = {path: number for number, path in enumerate(paths)}
        self.total_length = sum(lengths)
        self.average_length = self.total_length / len(paths) if paths else 0.0
        notes: dict[str, array[int]] = {}
        weights: dict[str, array[float]] = {}
        average = self.average_length
        for number, found in enumerate(counts):
            norm = _norm(lengths[number], average)
            for term, count in found.items():
                held = notes.get(term)
                if held is None:
                    held = notes[term] = array("i")
                    weights[term] = array("f")
                held.append(number)
                weights[term].append(count * (K1 + 1) / (count + norm))
        self.postings = {term: (held, weights[term]) for term, held in notes.items()}
        self.df = {term: len(held) for term, held in notes.items()}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Base):
            return NotImplemented
        return self.paths == other.paths and self.postings == other.postings

    __hash__ = None  # type: ignore[assignment]


class _LazyBase:
    """A base built on first use, once, under a lock (whoever comes first builds it), and
    shared by every index value made from the one it started in. Until then it knows which
    notes it holds from the pairs it will be built from: enough for updates, so that a
    keystroke never waits for it."""

    __slots__ = ("_built", "_lock", "_pending")

    def __init__(self, pending: Mapping[str, str] | None = None, built: _Base | None = None):
        self._pending = pending  # path -> encoded terms
        self._built = built
        self._lock = threading.Lock()

    @property
    def built(self) -> bool:
        return self._built is not None

    def get(self) -> _Base:
        built = self._built
        if built is None:
            with self._lock:
                if self._built is None:
                    self._built = _Base((self._pending or {}).items())
                    self._pending = None
                built = self._built
        return built

    def __len__(self) -> int:
        built = self._built
        return len(built.paths) if built is not None else len(self._pending or ())

    def __contains__(self, path: object) -> bool:
        built, pending = self._built, self._pending
        if built is not None:
            return path in built.ids
        return pending is not None and path in pending


class TermIndex:
    """The notes' terms, searchable by BM25 (see the module's notes). Never changed: an
    :class:`TermIndexUpdater` makes the next one.

    The base of a new index is built on first search, not when the index is: ``check``
    never searches, and the server builds it in a worker once the index is complete (which
    is complete that much sooner). Updates need only which notes the base holds."""

    __slots__ = (
        "_base",
        "_documents_change",
        "_length_change",
        "df_change",
        "gone",
        "lengths",
        "postings",
    )

    gone: immutables.Map[str, bool]  # base notes no longer current (changed or removed)
    postings: immutables.Map[str, immutables.Map[str, int]]  # overlay: term -> note -> count
    lengths: immutables.Map[str, int]  # overlay: note -> its length (terms counted)
    df_change: immutables.Map[str, int]  # base notes gone, as a change to their terms' df

    def __init__(
        self,
        base: _LazyBase,
        gone: immutables.Map[str, bool] = _EMPTY,
        postings: immutables.Map[str, immutables.Map[str, int]] = _EMPTY,
        lengths: immutables.Map[str, int] = _EMPTY,
        df_change: immutables.Map[str, int] = _EMPTY,
        documents_change: int = 0,
        length_change: int = 0,
    ) -> None:
        self._base = base
        self.gone = gone
        self.postings = postings
        self.lengths = lengths
        self.df_change = df_change
        # Notes and terms counted since the base, so that neither needs the base built.
        self._documents_change = documents_change
        self._length_change = length_change

    @property
    def base(self) -> _Base:
        return self._base.get()

    @property
    def built(self) -> bool:
        """Whether the base is built (a search builds it)."""
        return self._base.built

    @property
    def documents(self) -> int:
        return len(self._base) + self._documents_change

    @property
    def total_length(self) -> int:
        return self.base.total_length + self._length_change

    def __eq__(self, other: object) -> bool:
        """The same notes with the same terms, split the same way between base and overlay
        (two scans of one vault give equal indexes)."""
        if not isinstance(other, TermIndex):
            return NotImplemented
        names = ("base", "gone", "postings", "lengths", "df_change", "documents", "total_length")
        return all(getattr(self, name) == getattr(other, name) for name in names)

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def build(cls, items: Iterable[tuple[str, str]]) -> TermIndex:
        """A new index of (path, encoded terms) pairs (see :func:`~.terms.encode_terms`),
        its base built on first search."""
        return cls(_LazyBase(dict(items)))

    @classmethod
    def empty(cls) -> TermIndex:
        return cls(_LazyBase(built=_Base(())))

    def updater(self) -> TermIndexUpdater:
        return TermIndexUpdater(self)

    # -- what searches need ----------------------------------------------------------------

    @property
    def average_length(self) -> float:
        return self.total_length / self.documents if self.documents else 0.0

    def norm(self, length: int) -> float:
        """BM25's length normalisation (times k1) of a note of this length. The average it
        compares with is the base's, from its build: the base's weights were worked out with
        it, and changes since shift it little (a new base is built when many notes changed)."""
        return _norm(length, self.base.average_length or self.average_length)

    @property
    def overlay_size(self) -> int:
        return len(self.lengths)

    @property
    def needs_compaction(self) -> bool:
        return len(self.lengths) > max(COMPACT_AT, len(self._base) // 2)

    def __contains__(self, path: str) -> bool:
        return path in self.lengths or (path in self._base and path not in self.gone)

    def df(self, term: str) -> int:
        """In how many notes the term occurs."""
        return (
            self.base.df.get(term, 0)
            + self.df_change.get(term, 0)
            + len(self.postings.get(term, _EMPTY))
        )

    def idf(self, term: str) -> float:
        """BM25's inverse document frequency (Lucene's: never below zero)."""
        found = self.df(term)
        return math.log(1 + (self.documents - found + 0.5) / (found + 0.5))

    def key_terms(
        self,
        counts: Mapping[str, int],
        limit: int,
        own: Container[str] = (),
        *,
        unique: bool = False,
    ) -> dict[str, float]:
        """The ``limit`` terms that say most about a text with these counts (its count,
        damped, times the term's idf), each with that weight: the query that finds notes
        like it. ``own`` are the terms the index holds for the text's own note, which does
        not count. Terms no other note holds say nothing about which notes are alike, and
        are left out unless ``unique`` (they still say what the text is about)."""
        weighted = []
        documents = self.documents
        for term, count in counts.items():
            found = max(self.df(term) - (term in own), 0)
            if found == 0 and not unique:
                continue
            idf = math.log(1 + (documents - found + 0.5) / (found + 0.5))
            weighted.append((term, (1 + math.log(count)) * idf))
        weighted.sort(key=lambda item: (-item[1], item[0]))
        return dict(weighted[:limit])

    def holders(self, term: str) -> Iterator[str]:
        """The notes that hold the term (a note changed since the base is in the overlay
        only: its base copy is gone)."""
        base = self.base
        held = base.postings.get(term)
        if held is not None:
            gone, paths = self.gone, base.paths
            for number in held[0]:
                path = paths[number]
                if path not in gone:
                    yield path
        yield from self.postings.get(term, _EMPTY)

    def weighted_holders(self, term: str) -> list[tuple[str, float]]:
        """The notes that hold the term with its BM25 weight in each, the heaviest first."""
        return sorted(self.scores({term: 1.0}).items(), key=lambda item: (-item[1], item[0]))

    def scores(self, query: Mapping[str, float]) -> dict[str, float]:
        """Each note's BM25 score for a weighted query (term -> weight, with idf: see
        :meth:`key_terms`), for the notes that hold any of its terms."""
        base = self.base
        totals = [0.0] * len(base.paths)
        found: dict[str, float] = {}
        norm = self.norm
        lengths = self.lengths
        for term, weight in query.items():
            held = base.postings.get(term)
            if held is not None:
                for number, term_part in zip(*held, strict=True):
                    totals[number] += weight * term_part
            overlay = self.postings.get(term)
            if overlay is not None:
                for path, count in overlay.items():
                    part = term_weight(count, norm(lengths[path]))
                    found[path] = found.get(path, 0.0) + weight * part
        gone = self.gone
        paths = base.paths
        for number, total in enumerate(totals):
            if total and paths[number] not in gone:
                found[paths[number]] = total
        return found


class TermIndexUpdater:
    """Makes the next :class:`TermIndex`, note by note: ``remove`` a note's old terms, ``add``
    its new ones. A note removed and added again changes only the terms whose count differs,
    so a keystroke costs the words it changed, not the whole note."""

    def __init__(self, index: TermIndex) -> None:
        # The updater is the index's other half: it reads what the index keeps to itself.
        self._base = index._base
        self._gone = index.gone.mutate()
        self._postings = index.postings.mutate()
        self._lengths = index.lengths.mutate()
        self._df_change = index.df_change.mutate()
        self._documents_change = index._documents_change
        self._length_change = index._length_change
        # Overlay notes taken out and maybe put back: their old counts.
        self._removed: dict[str, dict[str, int]] = {}

    def remove(self, path: str, encoded: str) -> None:
        """Take out a note that may be in the index, with its terms as the index had them."""
        if path in self._lengths:
            self._removed[path] = decode_terms(encoded)
            return
        if path not in self._base or path in self._gone:
            return
        self._gone[path] = True
        self._documents_change -= 1
        # The terms the base holds for a note still current are these: any change to the
        # note would have taken it out of the base first.
        counts = decode_terms(encoded)
        self._length_change -= sum(counts.values())
        change = self._df_change
        for term in counts:
            left = change.get(term, 0) - 1
            change[term] = left  # never zero: the base counted this note

    def add(self, path: str, encoded: str) -> None:
        """Put in a note that is not in the index (``remove`` it first when it may be)."""
        new = decode_terms(encoded)
        old = self._removed.pop(path, None)
        length = sum(new.values())
        if old is None:
            old = {}
            self._documents_change += 1
        else:
            self._length_change -= self._lengths[path]
        self._length_change += length
        self._lengths[path] = length
        postings = self._postings
        for term, count in new.items():
            if old.get(term) != count:
                postings[term] = postings.get(term, _EMPTY).set(path, count)
        for term in old:
            if term not in new:
                self._drop(term, path)

    def _drop(self, term: str, path: str) -> None:
        held = self._postings.get(term)
        if held is None or path not in held:
            return
        held = held.delete(path)
        if held:
            self._postings[term] = held
        else:
            del self._postings[term]

    def finish(self) -> TermIndex:
        for path, old in self._removed.items():
            for term in old:
                self._drop(term, path)
            self._length_change -= self._lengths[path]
            del self._lengths[path]
            self._documents_change -= 1
        self._removed = {}
        return TermIndex(
            self._base,
            self._gone.finish(),
            self._postings.finish(),
            self._lengths.finish(),
            self._df_change.finish(),
            self._documents_change,
            self._length_change,
        )
