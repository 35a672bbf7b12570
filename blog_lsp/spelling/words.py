"""Words in prose: tokenising, letter case, and where a word stands in its sentence.

Both engines scan a *prose* string: the note's text with everything that is not prose blanked
out by spaces, so offsets here are offsets in the note.
"""

from __future__ import annotations

import re
from typing import Final

# Letters and digits, with apostrophes (straight or curly) only between them: don't, color's.
# Hyphens, underscores and other marks split words; callers look at the neighbours to tell
# identifiers (snake_case, np.vectorize) from prose.
WORD: Final = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

APOSTROPHES: Final = "'’"
HYPHENS: Final = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen
QUOTES: Final = frozenset("\"'“”‘’«»")

LOWER, CAPITALISED, UPPER, MIXED = "lower", "capitalised", "upper", "mixed"

# Characters that may stand between a sentence boundary and its first word: spaces, quotes,
# brackets, Markdown emphasis, heading, quote and list markers.
_OPENERS: Final = frozenset(" \t\"'“‘«([{*_>#~-+•")
_SENTENCE_ENDS: Final = frozenset(".!?:…|")
# Next to these, a word belongs to code or markup left in the prose: snake_case, $var, @user.
_IDENTIFIER_BEFORE: Final = frozenset("_@$\\=~^")
_IDENTIFIER_AFTER: Final = frozenset("_(=\\[")


def shape(word: str) -> str:
    """The letter case of a word: lower, Capitalised, UPPER or mIxed."""
    if word.islower():
        return LOWER
    if word.isupper():
        return UPPER if len(word) > 1 else CAPITALISED
    first, rest = word[:1], word[1:]
    if first.isupper() and (rest.islower() or not any(c.isalpha() for c in rest)):
        return CAPITALISED
    return MIXED


def with_shape(replacement: str, word_shape: str) -> str:
    """``replacement`` (lower-case) written in the case of the word it replaces."""
    if word_shape == UPPER:
        return replacement.upper()
    if word_shape == CAPITALISED:
        return replacement[:1].upper() + replacement[1:]
    return replacement


def split_apostrophe(word: str) -> tuple[str, str]:
    """The word before its first apostrophe and the rest: color's -> (color, 's)."""
    for index, char in enumerate(word):
        if char in APOSTROPHES:
            return word[:index], word[index:]
    return word, ""


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def looks_like_code(prose: str, start: int, end: int) -> bool:
    """A word that is part of an identifier, a dotted name, a call or a path.

    An underscore with no word character beyond it is emphasis, not snake_case:
    _normalization_, _optimize, deploy_.
    """
    before = prose[start - 1] if start > 0 else " "
    after = prose[end] if end < len(prose) else " "
    if before in _IDENTIFIER_BEFORE and not (
        before == "_" and not _word_char(prose[start - 2 : start - 1] or " ")
    ):
        return True
    if after in _IDENTIFIER_AFTER and not (
        after == "_" and not _word_char(prose[end + 1 : end + 2] or " ")
    ):
        return True
    # np.vectorize, config.color, file.py: a dot joined to letters on both sides.
    if before == "." and start > 1 and prose[start - 2].isalnum():
        return True
    if after == "." and end + 1 < len(prose) and prose[end + 1].isalnum():
        return True
    # path/like/this
    return before == "/" and after == "/"


def is_quoted_mention(prose: str, start: int, end: int) -> bool:
    """A single word in quotes is talked about, not used: the word "color" is American."""
    before = prose[start - 1] if start > 0 else ""
    after = prose[end] if end < len(prose) else ""
    return before in QUOTES and after in QUOTES


def is_suffix_mention(prose: str, start: int) -> bool:
    """An ending written on its own, as in "-ise endings" or "the -or spelling"."""
    if start == 0 or prose[start - 1] not in HYPHENS:
        return False
    return start == 1 or prose[start - 2] in " \t\n(\"'“‘/"


def starts_sentence(prose: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line, a list item or a table cell."""
    index = start - 1
    while index >= 0:
        char = prose[index]
        if char == "\n":
            return True
        if char in _SENTENCE_ENDS:
            return True
        if char in _OPENERS:
            index -= 1
            continue
        return False
    return True


def line_bounds(prose: str, offset: int) -> tuple[int, int]:
    start = prose.rfind("\n", 0, offset) + 1
    end = prose.find("\n", offset)
    return start, len(prose) if end < 0 else end


# Words that Title Case leaves in lower case: articles, conjunctions, short prepositions.
TITLE_MINOR_WORDS: Final = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "en", "for", "from", "if", "in", "into", "nor",
     "of", "off", "on", "onto", "or", "over", "per", "so", "than", "the", "to", "up", "via",
     "vs", "with", "yet"}
)  # fmt: skip


def is_title_case(line: str) -> bool:
    """A heading or title in Title Case: every word is capitalised but the minor ones.

    "How to Optimize Your Model" and "Fine-tuning LLMs with LoRA" are; "The model was
    optimized" and "We met Karpathy in Zurich" are not.
    """
    capitalised = 0
    for match in WORD.finditer(line):
        word = match.group()
        start = match.start()
        if start > 0 and line[start - 1] in HYPHENS:
            continue  # the tail of a hyphenated word: Fine-tuning
        first = word[0]
        if first.islower():
            if word not in TITLE_MINOR_WORDS:
                return False
        elif first.isupper():
            capitalised += 1
    return capitalised >= 2


def previous_word(prose: str, start: int, *, skip_numbers: bool = False) -> tuple[str, int]:
    """The word before ``start`` in the same sentence (lower-case) and its offset, or ("", -1).

    Spaces and hyphens may stand between the two words; any other mark ends the search.
    """
    index = start - 1
    while True:
        while index >= 0 and (prose[index] in " \t" or prose[index] in HYPHENS):
            index -= 1
        if index < 0 or not (prose[index].isalnum() or prose[index] in APOSTROPHES):
            return "", -1
        end = index + 1
        while index >= 0 and (prose[index].isalnum() or prose[index] in APOSTROPHES):
            index -= 1
        word = prose[index + 1 : end]
        if skip_numbers and word.isdigit():
            # Apache 2.0 license: step over the version number and its dot.
            while index >= 0 and (prose[index].isdigit() or prose[index] == "."):
                index -= 1
            continue
        return word.lower().replace("’", "'"), index + 1


def next_word(prose: str, end: int) -> str:
    """The word after ``end`` (lower-case), across spaces only, or ""."""
    index = end
    length = len(prose)
    while index < length and prose[index] in " \t":
        index += 1
    match = WORD.match(prose, index)
    return match.group().lower() if match else ""
