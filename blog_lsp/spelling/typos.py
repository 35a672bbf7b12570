"""Typo detection with pyspellchecker's English word list, taught British spellings,
everyday and technical words, and names.

Finding unknown words is one dictionary look-up per distinct word; the costlier questions
(is it a regular form of a known word, a hyphenated compound, a near miss?) are asked only of
the few words no list has. Suggestions are computed only when asked for, one word at a time,
and never include an offensive word.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Final

from blog_lsp.spelling.morphology import fold_diacritics, has_known_stem
from blog_lsp.spelling.table import (
    british_words,
    english_words,
    load_once,
    names,
    offensive_words,
    spelling_table,
    technical_words,
)
from blog_lsp.spelling.words import (
    CAPITALISED,
    HYPHENS,
    LOWER,
    WORD,
    is_quoted_mention,
    is_suffix_mention,
    is_title_case,
    line_bounds,
    looks_like_code,
    shape,
    split_apostrophe,
    starts_sentence,
    with_shape,
)

LOG = logging.getLogger(__name__)

# Shorter words are mostly abbreviations and units (cm, ms, kg); typos of them are rare.
SHORTEST_CHECKED: Final = 3
# What may follow an apostrophe in a known word: possessive, not, will, are, have, had, am.
APOSTROPHE_ENDINGS: Final = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})
# Before a hyphen these are prefixes, not words: multi-head, pre-trained, non-zero.
HYPHEN_PREFIXES: Final = frozenset(
    {"anti", "auto", "bi", "co", "cross", "de", "hyper", "inter", "intra", "macro", "meta",
     "micro", "mid", "mini", "multi", "neo", "non", "post", "pre", "pseudo", "quasi", "re",
     "semi", "sub", "super", "tri", "ultra", "un", "uni"}
)  # fmt: skip
# -ise/-ize family endings, to accept tokenise when tokenize is known, or featurize when
# feature is (the British spelling engine reports the American form, not this one).
IZE_FAMILY: Final = re.compile(
    r"(?P<stem>[a-z]{3,}?)(?P<z>i[sz]|y[sz])"
    r"(?P<suffix>e|es|ed|ing|ings|ingly|er|ers|ation|ations|ational|able|ably|ability)"
)
# A known word less one of these endings is the stem of an -ize verb: token(ize),
# featur(e) -> featurize, categor(y) -> categorize, emphas(is) -> emphasize.
STEM_ENDINGS: Final = ("", "e", "y", "is")
LATIN_SCRIPT_END: Final = 0x024F
DEFAULT_FREQUENCY: Final = 1000
# Words two edits away differ in length by two letters at most.
DISTANCE_TWO_SLACK: Final = 2
MODES: Final = ("ise", "oxford")


@dataclass(slots=True)
class _Lexicon:
    """pyspellchecker's frequencies with British and technical words added."""

    frequencies: dict[str, int]
    technical_only: frozenset[str] = frozenset()
    """Words only the technical vocabulary knows (colormap): not general English."""
    by_length: dict[int, list[str]] = field(default_factory=dict)

    def words_near_length(self, length: int) -> list[str]:
        if not self.by_length:
            buckets: dict[int, list[str]] = {}
            for word in self.frequencies:
                if word.isalpha() and word.isascii():
                    buckets.setdefault(len(word), []).append(word)
            self.by_length = buckets
        words: list[str] = []
        for size in range(length - DISTANCE_TWO_SLACK, length + DISTANCE_TWO_SLACK + 1):
            words.extend(self.by_length.get(size, ()))
        return words


@load_once
def _shared_lexicon() -> _Lexicon:
    """Loaded once per process: pyspellchecker's list takes a tenth of a second to read."""
    return _load_lexicon()


def _load_lexicon() -> _Lexicon:
    from spellchecker import SpellChecker  # imported late: only typo checks need it

    frequencies = dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)
    table = spelling_table()
    # A British spelling is as common as its American twin (colour as color).
    for american, entry in table.entries.items():
        weight = frequencies.get(american, DEFAULT_FREQUENCY // 10)
        for british in (entry.british, entry.oxford):
            if weight > frequencies.get(british, 0):
                frequencies[british] = weight
    for word in british_words():
        frequencies.setdefault(word, DEFAULT_FREQUENCY // 10)
    for word in english_words():
        frequencies.setdefault(word, DEFAULT_FREQUENCY // 10)
    technical_only = frozenset(word for word in technical_words() if word not in frequencies)
    for word in technical_only:
        frequencies[word] = DEFAULT_FREQUENCY
    LOG.debug("typo lexicon has %d words", len(frequencies))
    return _Lexicon(frequencies, technical_only)


@load_once
def _lower_case_names() -> frozenset[str]:
    return frozenset(name.lower() for name in names())


# Why a word at one place is not reported: because of its place alone (a number glued to it, a
# prefix before a hyphen), or because the place shows the word is meant (a name in mid-sentence,
# an identifier, a word in quotes), which then holds for its every use in the prose.
_PLACE, _MEANT = "place", "meant"


class TypoChecker:
    """Reports words that no dictionary knows, and suggests corrections on demand.

    ``known_words`` (any case) are accepted on top of the built-in lists. ``mode`` ("ise" or
    "oxford") decides whether suggestions use -ise or -ize.
    """

    def __init__(self, known_words: Iterable[str] = (), *, mode: str = "ise") -> None:
        if mode not in MODES:
            raise ValueError(f"spelling mode must be one of {', '.join(MODES)}, not {mode!r}")
        self._extra_known = frozenset(
            fold_diacritics(w.strip().lower().replace("’", "'")) for w in known_words
        )
        self._oxford = mode == "oxford"

    def unknown_words(
        self, prose: str, is_known: Callable[[str], bool] | None = None
    ) -> list[tuple[int, int, str]]:
        """(start, end, word) of each use of a word no dictionary knows, in order.

        Known: the dictionaries' words, their regular forms (benchmarked, prefetches), the same
        words with accents (naïve), hyphenated compounds known whole (re-rankers), and what
        ``is_known`` (a vault word list, say) accepts, asked with the word as written and with
        its stems. Skipped: words shorter than three letters, acronyms (GPU, LLMs), identifiers
        (words with digits, camelCase, snake_case, dotted names), prefixes before a hyphen,
        scripts other than Latin, capitalised words in mid-sentence (names), and capitalised
        words that are no near miss of a dictionary word (likely names). A word is reported at
        all its uses or at none: none when one of its uses shows it is meant (a name, an
        identifier, a word in quotes).
        """
        frequencies = _shared_lexicon().frequencies
        verdicts: dict[str, bool] = {}
        title_lines: dict[int, bool] = {}
        uses: dict[str, list[tuple[int, int, str]]] = {}
        meant: set[str] = set()
        for match in WORD.finditer(prose):
            word = match.group()
            lower = word.lower()
            known = verdicts.get(lower)
            if known is None:
                known = verdicts[lower] = lower in frequencies or self._is_known(lower)
            if known or len(word) < SHORTEST_CHECKED:
                continue
            start, end = match.span()
            head, _ = split_apostrophe(word)
            key = fold_diacritics(head).lower()
            skip = self._skip_reason(prose, start, end, word, title_lines)
            if skip == _MEANT:
                meant.add(key)
            elif skip is None and not self._in_known_compound(prose, start, end):
                uses.setdefault(key, []).append((start, end, word))
        found: list[tuple[int, int, str]] = []
        for key, places in uses.items():
            if key in meant:
                continue
            if is_known is not None and self._vault_knows(places[0][2], key, is_known):
                continue
            found.extend(places)
        found.sort()
        return found

    @staticmethod
    def _vault_knows(word: str, key: str, is_known: Callable[[str], bool]) -> bool:
        head, _ = split_apostrophe(word)
        if is_known(word) or (head != word and is_known(head)):
            return True
        return has_known_stem(key, is_known)

    def _in_lexicon(self, lower: str) -> bool:
        return (
            lower in _shared_lexicon().frequencies
            or lower in self._extra_known
            or lower in spelling_table().entries  # an American spelling: the British engine's
        )

    def _is_known(self, lower: str) -> bool:
        normalised = fold_diacritics(lower.replace("’", "'"))
        if self._in_lexicon(normalised):
            return True
        head, ending = split_apostrophe(normalised)
        if ending:
            return ending[1:] in APOSTROPHE_ENDINGS and self._is_known(head)
        if not normalised.isalpha():
            return False
        family = IZE_FAMILY.fullmatch(normalised)
        if family is not None:
            frequencies = _shared_lexicon().frequencies
            stem, z, suffix = family["stem"], family["z"], family["suffix"]
            twin = stem + z[0] + ("s" if z[1] == "z" else "z") + suffix
            if twin in frequencies or any(stem + end in frequencies for end in STEM_ENDINGS):
                return True
        return has_known_stem(normalised, self._in_lexicon)

    def _in_known_compound(self, prose: str, start: int, end: int) -> bool:
        """Whether the word is part of a hyphenated compound known as one word (re-rankers)."""
        left, right = start, end
        while left > 1 and prose[left - 1] in HYPHENS and prose[left - 2].isalnum():
            left -= 1
            while left > 0 and prose[left - 1].isalnum():
                left -= 1
        length = len(prose)
        while right < length - 1 and prose[right] in HYPHENS and prose[right + 1].isalnum():
            right += 1
            while right < length and prose[right].isalnum():
                right += 1
        if (left, right) == (start, end):
            return False
        compound = prose[left:right].lower()
        for hyphen in HYPHENS:
            compound = compound.replace(hyphen, "-")
        return compound in self._extra_known or self._is_known(compound.replace("-", ""))

    def _near_miss(self, lower: str) -> bool:
        """Whether one edit turns the word into a dictionary word that is not a name: Recieve
        is a near miss of receive; Andrej is one of Andrew only, a name."""
        lexicon = _shared_lexicon()
        people = _lower_case_names()
        return any(candidate not in people for candidate in self._distance_one(lower, lexicon))

    def _skip_reason(
        self, prose: str, start: int, end: int, word: str, title_lines: dict[int, bool]
    ) -> str | None:
        if any(char.isdigit() for char in word):
            return _PLACE
        if looks_like_code(prose, start, end):
            return _MEANT
        if is_quoted_mention(prose, start, end) or is_suffix_mention(prose, start):
            return _MEANT
        if not word.isascii() and any(ord(char) > LATIN_SCRIPT_END for char in word):
            return _PLACE
        head, _ = split_apostrophe(word)
        word_shape = shape(head)
        if word_shape not in (LOWER, CAPITALISED):
            return _MEANT  # UPPER acronyms, LLMs, camelCase, iPhone
        if (
            end < len(prose) - 1
            and prose[end] in HYPHENS
            and prose[end + 1].isalpha()
            and head.lower() in HYPHEN_PREFIXES
        ):
            return _PLACE
        if word_shape == CAPITALISED:
            if not starts_sentence(prose, start):
                line_start, line_end = line_bounds(prose, start)
                title = title_lines.get(line_start)
                if title is None:
                    title = title_lines[line_start] = is_title_case(prose[line_start:line_end])
                if not title:
                    return _MEANT  # a name
            if head in names() or not self._near_miss(fold_diacritics(head).lower()):
                return _MEANT  # a likely name
        return None

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Corrections for ``word``, best first, in its case: edit distance 1 first, distance 2
        only when distance 1 finds nothing; British spellings replace American ones."""
        head, ending = split_apostrophe(word)
        lower = head.lower()
        if not lower.isalpha():
            return []
        lexicon = _shared_lexicon()
        ranked = self._ranked(self._distance_one(lower, lexicon), lexicon)
        if not ranked:
            ranked = self._ranked(self._distance_two(lower, lexicon), lexicon)
        word_shape = shape(head)
        results: list[str] = []
        for candidate in ranked:
            shaped = with_shape(candidate, word_shape) + ending
            if shaped not in results and candidate != lower:
                results.append(shaped)
            if len(results) >= limit:
                break
        return results

    def _known_candidate(self, candidate: str, lexicon: _Lexicon) -> bool:
        return candidate in lexicon.frequencies or candidate in self._extra_known

    def _distance_one(self, lower: str, lexicon: _Lexicon) -> set[str]:
        letters = "abcdefghijklmnopqrstuvwxyz"
        splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
        edits = {left + right[1:] for left, right in splits if right}
        edits.update(
            left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1
        )
        edits.update(left + c + right[1:] for left, right in splits if right for c in letters)
        edits.update(left + c + right for left, right in splits for c in letters)
        edits.discard(lower)
        return {edit for edit in edits if self._known_candidate(edit, lexicon)}

    def _distance_two(self, lower: str, lexicon: _Lexicon) -> set[str]:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        matches = process.extract(
            lower,
            lexicon.words_near_length(len(lower)),
            scorer=OSA.distance,
            score_cutoff=2,
            limit=None,
        )
        found = {match[0] for match in matches if match[1] == 2}
        found.update(w for w in self._extra_known if w.isalpha() and OSA.distance(lower, w) <= 2)
        return found

    def _ranked(self, candidates: set[str], lexicon: _Lexicon) -> list[str]:
        """Most frequent first, each American spelling replaced by its British one; never an
        offensive word."""
        entries = spelling_table().entries
        frequencies = lexicon.frequencies
        ordered = sorted(candidates, key=lambda w: (-frequencies.get(w, 0), w))
        results: list[str] = []
        for candidate in ordered:
            if is_offensive(candidate):
                continue
            entry = entries.get(candidate)
            if entry is not None:
                candidate = entry.oxford if self._oxford else entry.british
            if candidate not in results:
                results.append(candidate)
        return results


def is_dictionary_word(lower: str) -> bool:
    """Whether pyspellchecker's list, the British or everyday words know a lower-case word
    (the technical vocabulary does not count: it has colormap, which is colourmap)."""
    lexicon = _shared_lexicon()
    return lower in lexicon.frequencies and lower not in lexicon.technical_only


def is_offensive(word: str) -> bool:
    """Whether a lower-case word, or the word it is a form of (wankers), is on the list."""
    offensive = offensive_words()
    return word in offensive or has_known_stem(word, offensive.__contains__)
