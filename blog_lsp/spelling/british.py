"""British spelling: American forms in prose and their British replacements.

One pass over the words of the prose with dictionary look-ups; everything costlier (names,
cited titles, context rules) runs only for the rare word that may need a fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from blog_lsp.spelling.context import CONTEXT_RULES, SPELLING, STYLE, Suggestion
from blog_lsp.spelling.proper_names import Document
from blog_lsp.spelling.table import REASONS, load_once, spelling_table
from blog_lsp.spelling.words import (
    CAPITALISED,
    MIXED,
    UPPER,
    WORD,
    is_quoted_mention,
    is_suffix_mention,
    looks_like_code,
    shape,
    split_apostrophe,
    with_shape,
)

MODES: Final = ("ise", "oxford")

# ALL-CAPS words this short are acronyms (ODOR, GRAY are rarer than acronyms of that length).
LONGEST_ACRONYM: Final = 4

# -ize/-yze verbs that no list has yet (tokenize, vectorize, quantize...) and their forms.
OPEN_CLASS: Final = re.compile(
    r"(?P<stem>[a-z]{3,}?)(?P<z>iz|yz)"
    r"(?P<suffix>e|es|ed|ing|ings|ingly|er|ers|ation|ations|ational|able|ably|ability)"
)
# Words that end like -ize verbs but are not: place names and the like.
NOT_IZE_VERBS: Final = frozenset({"belize", "brize", "frize", "grize"})


@dataclass(frozen=True, slots=True)
class SpellingHit:
    start: int
    """Offset of the word in the prose (and so in the note)."""
    end: int
    word: str
    """As written, e.g. "Optimize" or "color's"."""
    replacement: str
    """The British form in the same case, e.g. "Optimise" or "colour's"."""
    code: str
    """"british-spelling" or "british-style"."""
    reason: str


@lru_cache(maxsize=8192)
def _open_class(word: str) -> tuple[str, str, str] | None:
    """The British form, Oxford form and category of an -ize/-yze word the table lacks."""
    match = OPEN_CLASS.fullmatch(word)
    if match is None or word in NOT_IZE_VERBS:
        return None
    stem, z, suffix = match["stem"], match["z"], match["suffix"]
    if not any(vowel in stem for vowel in "aeiouy"):
        return None
    if z == "yz":
        british = stem + "ys" + suffix
        return british, british, "yse"
    table = spelling_table()
    base = stem + "ize"
    if word in table.ize_everywhere or base in table.ize_everywhere:
        return None
    # The longest known -ize word that the stem ends with decides: nonanesthetized follows
    # anesthetize (anaesthetise), oversize follows size (-ize everywhere).
    for cut in range(len(base) - 3):
        ending = base[cut:]
        entry = table.entries.get(ending)
        if entry is not None and entry.british.endswith("ise") and ending in table.ize_stems:
            prefix = base[:cut]
            # Drop the final e of the -ise/-ize verb and add this word's ending.
            return (
                prefix + entry.british[:-1] + suffix,
                prefix + entry.oxford[:-1] + suffix,
                entry.category,
            )
        if ending in table.ize_everywhere:
            return None
    return stem + "is" + suffix, word, "ize"


class BritishSpelling:
    """Finds American spellings and style in prose and proposes the British form.

    ``mode`` is "ise" (optimise, organise) or "oxford" (optimize and organize are accepted;
    -yse, -our, -re, -ll- and the rest are still British). ``accepted_words`` are never
    reported, whatever their case.
    """

    def __init__(self, mode: str = "ise", accepted_words: Iterable[str] = ()) -> None:
        if mode not in MODES:
            raise ValueError(f"spelling mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self._oxford = mode == "oxford"
        self._accepted = frozenset(w.strip().lower().replace("’", "'") for w in accepted_words)

    def find(self, prose: str) -> list[SpellingHit]:
        table = spelling_table()
        entries = table.entries
        hits: list[SpellingHit] = []
        document: Document | None = None
        plain: set[str] = set()  # words of this prose already known to need nothing
        for match in WORD.finditer(prose):
            lower = match.group().lower()
            # Fast rejection: nearly every word of a document ends here.
            if lower in plain:
                continue
            if lower in entries or lower in CONTEXT_RULES:
                head_lower, tail = lower, ""
            elif "'" in lower or "’" in lower:
                head_lower, tail = split_apostrophe(lower)
                if not (
                    head_lower in entries
                    or head_lower in CONTEXT_RULES
                    or _might_be_open_class(head_lower)
                ):
                    continue
            elif _might_be_open_class(lower):
                head_lower, tail = lower, ""
            else:
                plain.add(lower)
                continue
            if document is None:
                document = Document(prose)
            hit = self._check(document, match.start(), match.end(), head_lower, tail)
            if hit is not None:
                hits.append(hit)
        return hits

    def _check(
        self, document: Document, start: int, end: int, head_lower: str, tail: str
    ) -> SpellingHit | None:
        prose = document.prose
        word = prose[start:end]
        head = word[: len(word) - len(tail)]
        if not head.isalpha() or looks_like_code(prose, start, end):
            return None
        if is_quoted_mention(prose, start, end) or is_suffix_mention(prose, start):
            return None
        if head_lower in self._accepted or word.lower().replace("’", "'") in self._accepted:
            return None
        word_shape = shape(head)
        if word_shape == MIXED or (word_shape == UPPER and len(head) <= LONGEST_ACRONYM):
            return None
        # Capitals alone make no name: Title Case headings, labels and terms are prose.
        if document.in_name_phrase(start, end, head_lower) or document.in_cited_text(start, end):
            return None
        if (
            word_shape == CAPITALISED
            and head_lower not in spelling_table().capitalised
            and document.is_name(start, end, head)
        ):
            return None

        suggestion = self._suggest(prose, start, end, head_lower, tail)
        if suggestion is None:
            return None
        replacement = with_shape(suggestion.replacement, word_shape) + word[len(head) :]
        return SpellingHit(start, end, word, replacement, suggestion.code, suggestion.reason)

    def _suggest(
        self, prose: str, start: int, end: int, head_lower: str, tail: str
    ) -> Suggestion | None:
        entry = spelling_table().entries.get(head_lower)
        if entry is not None:
            if self._oxford:
                if entry.oxford == head_lower:
                    return None
                return Suggestion(entry.oxford, SPELLING, REASONS[entry.category])
            reason = REASONS[entry.category]
            if (
                entry.category not in ("ize", "yse")
                and "iz" in head_lower
                and "is" in entry.british
            ):
                reason += " and -ise"
            return Suggestion(entry.british, SPELLING, reason)
        rule = CONTEXT_RULES.get(head_lower)
        if rule is not None:
            return rule(prose, start, end, tail)
        open_class = _open_class(head_lower) or _derived(head_lower)
        if open_class is None:
            return None
        british, oxford, category = open_class
        if self._oxford:
            if oxford == head_lower:
                return None
            return Suggestion(oxford, SPELLING, REASONS[category])
        return Suggestion(british, SPELLING, REASONS[category])


def _might_be_open_class(lower: str) -> bool:
    if ("iz" in lower or "yz" in lower) and _open_class(lower) is not None:
        return True
    return lower[:SHORTEST_ROOT] in _root_prefixes() and _derived(lower) is not None


# Regular endings a table word may take that the table lists for no word of its kind
# (colorfuler, honorablier): the British form takes the same ending.
DERIVED_ENDINGS: Final = frozenset(
    {"s", "es", "er", "ers", "est", "ly", "ness", "nesses", "ed", "d", "ing", "ings", "r",
     "st", "less", "ful"}
)  # fmt: skip
COMPARISON_ENDINGS: Final = frozenset({"er", "est"})
# Table categories whose British form changes before an ending (distil, distilling) or that
# already carry one (towards): no ending is carried over for them.
NO_DERIVED_ENDINGS: Final = frozenset({"l", "ward"})
SHORTEST_ROOT: Final = 4
SHORTEST_JOINED_WORD: Final = 3
# Endings that are also words (ion, ate): prelection is no prelect + ion.
SUFFIX_LIKE_WORDS: Final = frozenset(
    {"ion", "ions", "ist", "ists", "ism", "isms", "ive", "ous", "ary", "ery", "ate", "ated",
     "ates", "ity", "ant", "ants", "ent", "ents", "age", "ages", "ure", "ine", "ina"}
)  # fmt: skip
# Categories whose British form changes inside the stem (prelect -> praelect): a word joined
# to them may be another word altogether.
NO_JOINED_WORDS: Final = frozenset({"l", "ward", "ae", "oe", "ment"})


@load_once
def _root_prefixes() -> frozenset[str]:
    return frozenset(key[:SHORTEST_ROOT] for key in spelling_table().entries)


@lru_cache(maxsize=16384)
def _derived(word: str) -> tuple[str, str, str] | None:
    """The British form, Oxford form and category of a word no list has that is a table word
    with a regular ending (colorfuler -> colourfuler, honorablier -> honourablier) or joined
    to another word (colormap -> colourmap). Words the dictionaries know are left alone:
    Colorado is no colour, honorary no honour."""
    from blog_lsp.spelling.typos import is_dictionary_word  # loaded only for such words

    table = spelling_table()
    if word in table.ize_everywhere or is_dictionary_word(word):
        return None
    for cut in range(len(word) - 1, SHORTEST_ROOT - 1, -1):
        root, rest = word[:cut], word[cut:]
        # A doubled last letter before -er or -est stays as written: unlabeledder.
        doubled = rest[:1] == root[-1:] and rest[1:] in COMPARISON_ENDINGS
        if rest in DERIVED_ENDINGS or doubled:
            for key in (root, root[:-1] + "y" if root.endswith("i") else ""):
                entry = table.entries.get(key)
                if entry is None or (
                    entry.category in NO_DERIVED_ENDINGS and not entry.british.endswith("ful")
                ):
                    continue
                if key != root and not entry.british.endswith("y"):
                    continue
                return (
                    _with_ending(entry.british, key != root, rest),
                    _with_ending(entry.oxford, key != root, rest),
                    entry.category,
                )
        entry = table.entries.get(root)
        if (
            entry is not None
            and len(rest) >= SHORTEST_JOINED_WORD
            and rest not in SUFFIX_LIKE_WORDS
            and entry.category not in NO_JOINED_WORDS
            and is_dictionary_word(rest)
        ):
            return entry.british + rest, entry.oxford + rest, entry.category
    return None


def _with_ending(base: str, y_to_i: bool, ending: str) -> str:
    if y_to_i:
        base = base[:-1] + "i"  # honourably -> honourabli + er
    if base.endswith("e") and ending[0] in "aeiouy":
        base = base[:-1]  # sombre + er -> sombrer
    return base + ending


__all__ = ["SPELLING", "STYLE", "BritishSpelling", "SpellingHit"]
