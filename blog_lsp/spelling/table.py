"""The generated spelling data, loaded once per process on first use.

``data/british.tsv`` and its companions are written by ``tools/build_spelling_table.py`` from
Debian's SCOWL word lists; see ``data/SCOWL-LICENSE.txt``. The technical vocabulary, the
names and the offensive words are written by ``tools/build_word_lists.py`` from npm packages;
see ``data/WORD-LISTS-LICENSE.txt``. ``data/name-phrases.txt`` is kept by hand.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Final, TypeVar

LOG = logging.getLogger(__name__)

DATA_PACKAGE: Final = "blog_lsp.spelling"
TABLE_FILE: Final = "british.tsv"
IZE_EVERYWHERE_FILE: Final = "ize-everywhere.txt"
BRITISH_WORDS_FILE: Final = "british-words.txt"
ENGLISH_WORDS_FILE: Final = "english-words.txt"
TECHNICAL_WORDS_FILE: Final = "technical-words.txt"
NAMES_FILE: Final = "names.txt"
OFFENSIVE_WORDS_FILE: Final = "offensive-words.txt"
NAME_PHRASES_FILE: Final = "name-phrases.txt"

# Why a British form differs, by table category; shown in the diagnostic.
REASONS: Final = {
    "ize": "British spelling uses -ise",
    "yse": "British spelling uses -yse",
    "our": "British spelling uses -our",
    "re": "British spelling uses -re",
    "ogue": "British spelling uses -ogue",
    "ence": "British spelling uses -ence for the noun",
    "ll": "British spelling doubles the l",
    "l": "British spelling uses a single l",
    "ae": "British spelling keeps the ae",
    "oe": "British spelling keeps the oe",
    "ment": "British spelling keeps the e in -dgement",
    "ward": "British English uses -wards",
    "ise-verb": "British spelling uses -ise for the verb",
    "other": "British spelling",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """The British (-ise) and Oxford (-ize) spellings of one American-only word."""

    british: str
    category: str
    oxford: str


@dataclass(frozen=True, slots=True)
class SpellingTable:
    entries: dict[str, Entry]
    """Lower-case American word -> its British spellings."""
    capitalised: frozenset[str]
    """Keys of words always written with a capital (Americanize): a capital is no name sign."""
    ize_stems: frozenset[str]
    """-ize verbs of the table (optimize, colorize...), to find them inside unknown words."""
    ize_everywhere: frozenset[str]
    """-ize words and stems every dialect spells with z (size, prize, seize...)."""


def _read_lines(name: str) -> list[str]:
    text = resources.files(DATA_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _load_table() -> SpellingTable:
    entries: dict[str, Entry] = {}
    capitalised: set[str] = set()
    for line in _read_lines(TABLE_FILE):
        american, british, category, oxford = line.split("\t")
        key = american.lower()
        entries[key] = Entry(british.lower(), category, oxford.lower())
        if american[:1].isupper():
            capitalised.add(key)
    ize_stems = frozenset(
        key
        for key, entry in entries.items()
        if key.endswith("ize") and entry.british.endswith("ise")
    )
    ize_everywhere = frozenset(_read_lines(IZE_EVERYWHERE_FILE))
    LOG.debug("loaded %d British spelling pairs", len(entries))
    return SpellingTable(entries, frozenset(capitalised), ize_stems, ize_everywhere)


T = TypeVar("T")


def load_once(loader: Callable[[], T]) -> Callable[[], T]:
    """A loader that runs at most once per process, even when threads ask at the same time
    (the server checks notes in worker threads)."""
    lock = threading.Lock()
    loaded: list[T] = []

    @functools.wraps(loader)
    def load() -> T:
        if not loaded:
            with lock:
                if not loaded:
                    loaded.append(loader())
        return loaded[0]

    return load


@load_once
def spelling_table() -> SpellingTable:
    """The table, read from the package data on the first call."""
    return _load_table()


@load_once
def british_words() -> frozenset[str]:
    """British-only spellings (colour, centre, optimise...), lower-case."""
    return frozenset(_read_lines(BRITISH_WORDS_FILE))


@load_once
def english_words() -> frozenset[str]:
    """Everyday words and abbreviations (intro, onsite, approx) that pyspellchecker lacks."""
    return frozenset(_read_lines(ENGLISH_WORDS_FILE))


@load_once
def technical_words() -> frozenset[str]:
    """Software and data-science terms and company names, lower-case."""
    return frozenset(_read_lines(TECHNICAL_WORDS_FILE))


@load_once
def names() -> frozenset[str]:
    """People's and companies' names as written (Andrew, Kennedy, Databricks)."""
    return frozenset(_read_lines(NAMES_FILE))


@load_once
def offensive_words() -> frozenset[str]:
    """Words never offered as a suggestion, lower-case."""
    return frozenset(_read_lines(OFFENSIVE_WORDS_FILE))


@load_once
def name_phrases() -> tuple[str, ...]:
    """Names that hold an American spelling and keep it (World Health Organization)."""
    return tuple(_read_lines(NAME_PHRASES_FILE))
