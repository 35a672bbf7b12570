"""A note's wording as a set of three-word phrases (w-shingles): what two drafts that say the
same thing share, and two drafts on the same topic do not.

The words are those the relevance engine reads (the prose: title, description, headings and
paragraphs; no code, URLs, link targets, tags or other frontmatter), lower-cased and folded as
its terms are ('optimize' is 'optimise', plurals are singular), small words kept: a phrase is
its words in order. Each phrase is kept as a 32-bit hash, the same in every process (the index
cache and the scan's worker processes must agree), so a draft of a thousand words costs
about 4 KB in the index.

Two texts resemble each other by the share of the smaller one's phrases that the other has
too (containment, as in Broder's near-duplicate detection): a copy lightly edited keeps most
of its phrases, a copy extended keeps all of the original's, and two notes on one topic,
written apart, share few (see the ``duplicate_content_similarity`` setting).
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable
from operator import xor

from blog_lsp.relevance.terms import _WORD, stem

SHINGLE_WORDS = 3
_MASK = 0xFFFFFFFF
# Odd multipliers: a word hashes one way first in a phrase, another second, another third,
# so that 'a b c' and 'c b a' are different phrases.
_SECOND, _THIRD = 0x9E3779B1, 0x85EBCA77
_TYPECODE = "I"
SHINGLE_BYTES = array(_TYPECODE).itemsize  # four on every platform Python runs on
_MAX_WORDS = 200_000


class _WordHashes(dict[str, tuple[int, int, int]]):
    """A lower-case word -> the hashes of its folded form as the first, second and third word
    of a phrase; remembered (bounded), looked up in C."""

    def __missing__(self, word: str) -> tuple[int, int, int]:
        first = zlib.crc32(stem(word).encode())
        found = (first, (first * _SECOND) & _MASK, (first * _THIRD) & _MASK)
        if len(self) < _MAX_WORDS:
            self[word] = found
        return found


_hashes = _WordHashes()


def content_shingles(prose: str) -> set[int]:
    """The hashes of the three-word phrases of a note's prose (see the module's notes). In C
    iterators on small integers: it runs on every change to a draft."""
    words = list(map(_hashes.__getitem__, map(str.lower, _WORD.findall(prose))))
    if len(words) < SHINGLE_WORDS:
        return set()
    first, second, third = zip(*words, strict=True)
    return set(map(xor, map(xor, first, second[1:]), third[2:]))


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
