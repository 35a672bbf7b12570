"""A note's wording as a set of three-word phrases (w-shingles): what two drafts that say the
same thing share, and two drafts on the same topic do not.

The words are those the relevance engine reads (the prose: title, description, headings and
paragraphs; no code, URLs, link targets, tags or other frontmatter), lower-cased and folded as
its terms are ('optimize' is 'optimise', plurals are singular), small words kept: a phrase is
its words in order. Phrases of small words alone ('in the', 'it is a') are left out: every
text has them. Each phrase is kept as a 32-bit hash, the same in every process (the index
cache and the scan's worker processes must agree), so a draft of a thousand words costs
about 4 KB in the index.

Two texts resemble each other by the share of the smaller one's phrases that the other has
too (containment, as in Broder's near-duplicate detection): a copy lightly edited keeps most
of its phrases, a copy extended keeps all of the original's, and two notes on one topic,
written apart, share few (see :data:`blog_lsp.drafting.similar.CONTENT_SIMILARITY`).
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable

from blog_lsp.relevance.terms import _WORD, MIN_LENGTH, STOPWORDS, stem

SHINGLE_WORDS = 3
_MASK = 0xFFFFFFFF
# Odd multipliers, so that 'a b c' and 'c b a' are different phrases.
_FIRST, _SECOND = 0x9E3779B1, 0x85EBCA77
_TYPECODE = "I"
SHINGLE_BYTES = array(_TYPECODE).itemsize  # four on every platform Python runs on

# A lower-case word -> (its hash, whether it is a small word), remembered (bounded).
_words: dict[str, tuple[int, bool]] = {}
_MAX_WORDS = 200_000


def _word(word: str) -> tuple[int, bool]:
    found = _words.get(word)
    if found is None:
        small = len(word) < MIN_LENGTH or word in STOPWORDS
        found = (zlib.crc32(stem(word).encode()), small)
        if len(_words) < _MAX_WORDS:
            _words[word] = found
    return found


def content_shingles(prose: str) -> set[int]:
    """The hashes of the three-word phrases of a note's prose (see the module's notes)."""
    words = [_word(word) for word in map(str.lower, _WORD.findall(prose))]
    found: set[int] = set()
    for position in range(len(words) - SHINGLE_WORDS + 1):
        (first, small_first), (second, small_second), (third, small_third) = words[
            position : position + SHINGLE_WORDS
        ]
        if small_first and small_second and small_third:
            continue
        found.add(((first * _FIRST) ^ (second * _SECOND) ^ third) & _MASK)
    return found


def encode_shingles(found: Iterable[int]) -> bytes:
    """Phrase hashes as the index keeps them: sorted, four bytes each."""
    return array(_TYPECODE, sorted(found)).tobytes()


def decode_shingles(encoded: bytes) -> set[int]:
    """The phrase hashes of :func:`encode_shingles`'s bytes."""
    held = array(_TYPECODE)
    held.frombytes(encoded)
    return set(held)


def containment(first: set[int], second: set[int]) -> float:
    """The share (0-1) of the smaller set's phrases that the other holds too."""
    smaller = min(len(first), len(second))
    return len(first & second) / smaller if smaller else 0.0
