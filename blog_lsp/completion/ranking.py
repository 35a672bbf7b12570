"""Ranking names against what was typed: a fast first pass over the names that hold the typed
letters in order, then a finer order of the few that pass. Link completion, heading
completion and workspace symbols all rank by these."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import islice

# The most items one answer holds.
MAX_ITEMS = 100
# How many matches the fast first pass keeps for the finer ranking (among equal matches,
# the shorter names: the choices are in that order).
_POOL = 400
# How alike (0-100, rapidfuzz's partial ratio) a near miss must be to be offered.
_NEAR_MISS = 70


class NameLetters:
    """For each character, which names (by position) hold it, as a bit set in a Python int:
    the names that may hold a query's letters in order are the AND of its letters' sets,
    found in microseconds, where matching every one of 20,000 names takes milliseconds."""

    # With this many candidates or more, a match is found early among all names anyway.
    MANY = 4000

    def __init__(self, keys: list[str]) -> None:
        self.size = (len(keys) + 7) // 8
        positions: dict[str, list[int]] = {}
        for index, key in enumerate(keys):
            for character in set(key):
                positions.setdefault(character, []).append(index)
        self.bits: dict[str, int] = {}
        for character, found in positions.items():
            buffer = bytearray(self.size)
            for index in found:
                buffer[index >> 3] |= 1 << (index & 7)
            self.bits[character] = int.from_bytes(buffer, "little")

    def holding(self, query: str) -> list[int] | None:
        """Positions of the names holding every character of ``query``, in order; None
        when so many do that looking at all of them is as quick."""
        mask = -1
        for character in set(query):
            mask &= self.bits.get(character, 0)
            if not mask:
                return []
        if mask == -1 or mask.bit_count() >= self.MANY:
            return None
        found: list[int] = []
        for offset, byte in enumerate(mask.to_bytes(self.size, "little")):
            if byte:
                base = offset << 3
                found.extend(base + bit for bit in range(8) if byte >> bit & 1)
        return found


def rank_names(
    query: str,
    keys: list[str],
    letters: NameLetters,
    limit: int = MAX_ITEMS,
    preferred: Mapping[int, int] | None = None,
) -> tuple[list[int], bool]:
    """Positions in ``keys`` (normalised names, the likelier first among equal ones; their
    :class:`NameLetters` given) of the best matches of ``query`` (normalised, not empty),
    best first, at most ``limit``; and whether there were more. What link completion and
    workspace symbols both rank by. ``preferred``: positions -> their rank (0 first), which
    come first among equal matches (a draft's related notes)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import LCSseq

    # First the names that hold the typed letters in order, as editors filter (a longest
    # common subsequence as long as the query): about a millisecond over 20,000 names,
    # where a fuzzy scorer over all of them takes five to ten.
    # Every name that passes scores the same (the query's length), so the first _POOL
    # in the keys' order are the ones a full sort would keep: stop there. Only the
    # names that hold every letter typed are looked at.
    candidates = letters.holding(query)
    subset = keys if candidates is None else [keys[i] for i in candidates]
    pool: list[tuple[str, float, int]] = list(
        islice(
            process.extract_iter(
                query,
                subset,
                scorer=LCSseq.similarity,  # type: ignore[arg-type]  # the stubs' overloads
                processor=None,
                score_cutoff=len(query),
            ),
            _POOL,
        )
    )
    if candidates is not None:
        pool = [(key, score, candidates[i]) for key, score, i in pool]
    if preferred:
        # The preferred names that match, even past the pool's first few hundred.
        pooled = {position for _, _, position in pool}
        for position in preferred:
            key = keys[position]
            if position not in pooled and LCSseq.similarity(query, key) >= len(query):
                pool.append((key, len(query), position))
    more = len(pool) > limit
    if not pool:
        # Nothing has those letters in order: a typo. Fuzzy matching finds near misses
        # (which VS Code still shows, filtering "gracefully").
        pool = process.extract(
            query,
            keys,
            scorer=fuzz.partial_ratio,
            processor=None,
            limit=limit,
            score_cutoff=_NEAR_MISS,
        )
        more = True  # the next letter may mend the typo: ask again

    pool.sort(key=lambda hit: hit[2])  # among equal matches, the order of the keys
    ranks = None
    if preferred:
        last = len(preferred)
        ranks = [preferred.get(position, last) for _, _, position in pool]
    order = closeness_order(query, [key for key, _, _ in pool], ranks)
    return [pool[i][2] for i in order[:limit]], more


def closeness_order(
    query: str, keys: list[str], preference: Sequence[int] | None = None
) -> list[int]:
    """The positions of ``keys`` (normalised names), best match of ``query`` first:
    rapidfuzz's weighted ratio, then a name that starts with the query, then one with a word
    that does; among those equal matches the ``preference`` of each key (smaller first) if
    given, then the closer in length, then the order given. The scores are computed in
    rapidfuzz's C loops, a whole list at a time (one call a name cost ten times as much)."""
    from rapidfuzz import fuzz, process

    weighted = [0.0] * len(keys)
    for _, score, position in process.extract(
        query, keys, scorer=fuzz.WRatio, processor=None, limit=None
    ):
        weighted[position] = score
    plain = [0.0] * len(keys)
    for _, score, position in process.extract(
        query, keys, scorer=fuzz.ratio, processor=None, limit=None
    ):
        plain[position] = score
    spaced = f" {query}"
    preferred = preference if preference is not None else [0] * len(keys)
    return sorted(
        range(len(keys)),
        key=lambda i: (
            -round(weighted[i]),
            not keys[i].startswith(query),
            spaced not in f" {keys[i]}",
            preferred[i],
            -plain[i],
            i,
        ),
    )
