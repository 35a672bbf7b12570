"""Typo detection with pyspellchecker's English word list, taught British spellings.

Finding unknown words is one dictionary look-up per distinct word; suggestions (edit
candidates) are computed only when asked for, one word at a time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Final

from blog_lsp.spelling.table import british_words, load_once, spelling_table
from blog_lsp.spelling.vocabulary import TECH_WORDS
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
        weight = frequencies.get(american, 0)
        for british in (entry.british, entry.oxford):
            if weight > frequencies.get(british, 0):
                frequencies[british] = weight
    for word in british_words():
        frequencies.setdefault(word, DEFAULT_FREQUENCY // 10)
    for word in TECH_WORDS:
        frequencies.setdefault(word, DEFAULT_FREQUENCY)
    LOG.debug("typo lexicon has %d words", len(frequencies))
    return _Lexicon(frequencies)


class TypoChecker:
    """Reports words that no dictionary knows, and suggests corrections on demand.

    ``known_words`` (any case) are accepted on top of the built-in lists. ``mode`` ("ise" or
    "oxford") decides whether suggestions use -ise or -ize.
    """

    def __init__(self, known_words: Iterable[str] = (), *, mode: str = "ise") -> None:
        if mode not in MODES:
            raise ValueError(f"spelling mode must be one of {', '.join(MODES)}, not {mode!r}")
        self._extra_known = frozenset(w.strip().lower().replace("’", "'") for w in known_words)
        self._oxford = mode == "oxford"

    def unknown_words(
        self, prose: str, is_known: Callable[[str], bool] | None = None
    ) -> list[tuple[int, int, str]]:
        """(start, end, word) of each word no dictionary knows, in order.

        Skipped: words shorter than three letters, acronyms (GPU, LLMs), identifiers (words
        with digits, camelCase, snake_case, dotted names), prefixes before a hyphen, scripts
        other than Latin, and capitalised words in mid-sentence, which are names. ``is_known``
        (a vault word list, say) is asked about the rest, with the word as written.
        """
        frequencies = _shared_lexicon().frequencies
        verdicts: dict[str, bool] = {}
        title_lines: dict[int, bool] = {}
        found: list[tuple[int, int, str]] = []
        for match in WORD.finditer(prose):
            word = match.group()
            lower = word.lower()
            known = verdicts.get(lower)
            if known is None:
                known = verdicts[lower] = lower in frequencies or self._is_known(lower)
            if known or len(word) < SHORTEST_CHECKED:
                continue
            start, end = match.span()
            if not self._should_check(prose, start, end, word, title_lines):
                continue
            if is_known is not None:
                head, _ = split_apostrophe(word)
                if is_known(word) or (head != word and is_known(head)):
                    continue
            found.append((start, end, word))
        return found

    def _is_known(self, lower: str) -> bool:
        frequencies = _shared_lexicon().frequencies
        normalised = lower.replace("’", "'")
        if normalised in frequencies or normalised in self._extra_known:
            return True
        if normalised in spelling_table().entries:
            return True  # an American spelling: the British spelling engine reports it
        head, ending = split_apostrophe(normalised)
        if ending:
            return ending[1:] in APOSTROPHE_ENDINGS and self._is_known(head)
        family = IZE_FAMILY.fullmatch(normalised)
        if family is None:
            return False
        stem, z, suffix = family["stem"], family["z"], family["suffix"]
        twin = stem + z[0] + ("s" if z[1] == "z" else "z") + suffix
        if twin in frequencies:
            return True
        return any(stem + ending in frequencies for ending in STEM_ENDINGS)

    @staticmethod
    def _should_check(
        prose: str, start: int, end: int, word: str, title_lines: dict[int, bool]
    ) -> bool:
        if any(char.isdigit() for char in word) or looks_like_code(prose, start, end):
            return False
        if is_quoted_mention(prose, start, end) or is_suffix_mention(prose, start):
            return False
        if not word.isascii() and any(ord(char) > LATIN_SCRIPT_END for char in word):
            return False
        head, _ = split_apostrophe(word)
        word_shape = shape(head)
        if word_shape not in (LOWER, CAPITALISED):
            return False  # UPPER acronyms, LLMs, camelCase, iPhone
        if (
            end < len(prose) - 1
            and prose[end] in HYPHENS
            and prose[end + 1].isalpha()
            and head.lower() in HYPHEN_PREFIXES
        ):
            return False
        if word_shape == CAPITALISED and not starts_sentence(prose, start):
            line_start, line_end = line_bounds(prose, start)
            title = title_lines.get(line_start)
            if title is None:
                title = title_lines[line_start] = is_title_case(prose[line_start:line_end])
            if not title:
                return False  # a name
        return True

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
        """Most frequent first, each American spelling replaced by its British one."""
        entries = spelling_table().entries
        frequencies = lexicon.frequencies
        ordered = sorted(candidates, key=lambda w: (-frequencies.get(w, 0), w))
        results: list[str] = []
        for candidate in ordered:
            entry = entries.get(candidate)
            if entry is not None:
                candidate = entry.oxford if self._oxford else entry.british
            if candidate not in results:
                results.append(candidate)
        return results
