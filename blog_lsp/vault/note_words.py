"""A note's words as the index keeps them: what the typo check asks the vault about ("is
this word used in another note?")."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def words_of(text: str) -> str:
    """The distinct words of a text, in lower case and in order (the same in every process,
    whatever its hash seed), one a line: what the typo check asks the vault about. One string
    a note rather than a tuple of words: a 100,000-note vault would otherwise hold millions of
    small strings, in memory and in the index cache, that only a change to the note reads."""
    return "\n".join(sorted({word.lower() for word in WORD.findall(text)}))


def word_list(words: str) -> list[str]:
    """The words of :func:`words_of`'s string."""
    return words.split("\n") if words else []


def has_word(words: str, word: str) -> bool:
    """Whether :func:`words_of`'s string holds the word (a whole line of it)."""
    return bool(words) and f"\n{word}\n" in f"\n{words}\n"
