"""English word forms: whether a word is a regular form of a known word, and accent folding.

The typo checker accepts ``benchmarked`` because ``benchmark`` is known and ``prefetches``
because ``prefetch`` is; the suggestion filter refuses ``wankers`` because ``wanker`` is on its
list. Only regular English morphology: irregular forms are in the dictionaries already. The
rules stay strict where common typos hide: ``occured`` is not ``occur`` + ed (English doubles the
r), ``untill`` is not un + ``till``, ``arguement`` is not ``argue`` + ment.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import Final

VOWELS: Final = frozenset("aeiouy")
# Consonants that English never doubles before a suffix (fix -> fixed, play -> played).
NEVER_DOUBLED: Final = frozenset("wxyhj")
SHORTEST_STEM: Final = 3
# Prefixes that make a new word of a known one (unbatched, reindexing, autodiff). What follows
# a two-letter prefix must have five letters or more: "untill" is a typo, not un + till.
PREFIXES: Final = (
    "un", "re", "pre", "de", "non", "sub", "multi", "over", "under", "auto", "co", "mis",
    "dis", "inter", "intra", "super", "hyper", "micro", "mini", "post", "semi", "anti", "meta",
)  # fmt: skip
SHORTEST_AFTER_SHORT_PREFIX: Final = 5
SHORTEST_AFTER_PREFIX: Final = 4
# After a prefix, the stem of an inflected rest is longer: "refered" is not re + fere + d.
SHORTEST_STEM_AFTER_PREFIX: Final = 5
# Before these, only a known word: co + mitt + ed is no reading of "comitted".
PREFIXES_OF_WHOLE_WORDS: Final = frozenset({"co", "de", "un"})
VOWEL_SUFFIXES: Final = ("ed", "ing", "ers", "er", "est", "able", "ability")
CONSONANT_SUFFIXES: Final = ("ness", "less", "ful")


def fold_diacritics(word: str) -> str:
    """naïve -> naive, Résumé -> Resume; words without accents come back unchanged."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _ends_consonant_vowel_consonant(stem: str) -> bool:
    return (
        len(stem) >= SHORTEST_STEM
        and stem[-1] not in VOWELS
        and stem[-1] not in NEVER_DOUBLED
        and stem[-2] in VOWELS
        and stem[-3] not in VOWELS
    )


def _vowel_suffix_stems(word: str, suffix: str) -> Iterator[tuple[str, str | None]]:
    """(stem, the rival spelling that doubling would give) for stem + a vowel suffix."""
    base = word[: -len(suffix)]
    if len(base) < SHORTEST_STEM:
        return
    if base[-1] == "i" and suffix[0] == "e":
        yield base[:-1] + "y", None  # copied -> copy, happier -> happy
    if len(base) > SHORTEST_STEM and base[-1] == base[-2] and base[-1] not in VOWELS:
        yield base[:-1], None  # stopped -> stop, shipping -> ship
    # A stem ending consonant-vowel-consonant may double its last letter: when the doubled
    # form is the known word (occurred), the single one (occured) is a typo.
    # (stoped is no form of stope either: the doubled form is the known word.)
    doubled = base + base[-1] + suffix if _ends_consonant_vowel_consonant(base) else None
    yield base, doubled  # benchmarked -> benchmark
    yield base + "e", doubled  # cached -> cache, tokenizing -> tokenize


def _candidates(word: str) -> Iterator[tuple[str, str | None]]:
    if word.endswith("ies") and len(word) > SHORTEST_STEM + 2:
        yield word[:-3] + "y", None
    if word.endswith("es") and word[-3:-2] in ("s", "x", "z", "h", "o"):
        yield word[:-2], None  # prefetches -> prefetch
    if word.endswith("s") and not word.endswith("ss"):
        yield word[:-1], None  # newlines -> newline
    for suffix in VOWEL_SUFFIXES:
        if word.endswith(suffix):
            yield from _vowel_suffix_stems(word, suffix)
    if word.endswith("ally"):
        # algorithmically -> algorithmic, unless the stem makes its own adverb: publicly.
        yield word[:-4], word[:-4] + "ly"
    elif word.endswith("ily"):
        yield word[:-3] + "y", None
    elif word.endswith("ly") and not word.endswith("ely"):
        yield word[:-2], None  # performantly -> performant; "truely" is a typo
    for suffix in CONSONANT_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= SHORTEST_STEM:
            yield word[: -len(suffix)], None


def has_known_stem(
    word: str,
    is_known: Callable[[str], bool],
    *,
    shortest: int = SHORTEST_STEM,
    prefixes: bool = True,
) -> bool:
    """Whether a lower-case ``word`` is a regular form (inflection, common suffix or prefix) of
    a word that ``is_known`` accepts. The word itself is not asked about."""
    if len(word) <= shortest:
        return False
    # Each candidate stem comes with the rival spelling that the stem's rules would give instead
    # (occurred for occur + ed): when the rival is the known word, this one is a typo.
    for stem, rival in _candidates(word):
        if len(stem) >= shortest and is_known(stem) and (rival is None or not is_known(rival)):
            return True
    if not prefixes:
        return False
    for prefix in PREFIXES:
        shortest_rest = SHORTEST_AFTER_SHORT_PREFIX if len(prefix) == 2 else SHORTEST_AFTER_PREFIX
        if word.startswith(prefix) and len(word) - len(prefix) >= shortest_rest:
            rest = word[len(prefix) :]
            if is_known(rest):
                return True
            if prefix not in PREFIXES_OF_WHOLE_WORDS and has_known_stem(
                rest, is_known, shortest=SHORTEST_STEM_AFTER_PREFIX, prefixes=False
            ):
                return True
    return False
