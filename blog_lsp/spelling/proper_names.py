"""Where an American spelling is part of a name, and so keeps its spelling.

Real posts capitalise prose all the time: Title Case headings, bold labels, list items, table
cells, terms (Hyperparameter Optimization). Those are prose and get British spelling. Names
are rarer and recognisable, and only they keep an American spelling:

* known names (World Health Organization, Unity Catalog, Gray code: ``data/name-phrases.txt``);
* organisations: a capitalised run with an organisation word (Department of Defense, National
  Cancer Institute) or "Center for ..." (Center for AI Safety);
* people and brands next to the word (Jim Gray, Kennedy Center, TensorFlow Model Optimization
  Toolkit);
* identifiers (the Behavior class, the Color API), here and wherever else the word stands;
* cited titles and quotations: link text (the title of the page it links to), Title Case
  text in quotes or italics, and quotations of three words or more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from blog_lsp.spelling.table import load_once, name_phrases, names
from blog_lsp.spelling.words import (
    CAPITALISED,
    MIXED,
    UPPER,
    WORD,
    is_title_case,
    line_bounds,
    shape,
)

ORGANISATION_WORDS: Final = frozenset(
    {"Academy", "Administration", "Agency", "Alliance", "Association", "Authority", "Board",
     "Bureau", "College", "Commission", "Committee", "Consortium", "Corporation", "Corp",
     "Council", "Department", "Federation", "Foundation", "Hospital", "Inc", "Institute",
     "Laboratories", "Laboratory", "League", "Ltd", "Ministry", "Museum", "Office",
     "Organisation", "Organization", "Party", "School", "Society", "Union", "University"}
)  # fmt: skip
# "Center for AI Safety", "Center of Excellence for ...": a centre with a purpose is a name.
CENTRE_WORDS: Final = frozenset({"Center", "Centers", "Centre", "Centres"})
# Between the capitalised words of one name: Department of Defense, Center for AI Safety.
CONNECTORS: Final = frozenset({"of", "for", "and", "&", "de"})
# A capitalised word before these is the name of something in code: the Behavior class.
CODE_NOUNS: Final = frozenset(
    {"class", "classes", "type", "types", "enum", "struct", "interface", "object", "objects",
     "component", "components", "module", "modules", "function", "method", "trait", "protocol",
     "widget", "hook", "field", "property", "attribute", "constructor", "namespace", "package",
     "crate", "library", "plugin", "extension", "node", "operator", "layer", "API", "APIs",
     "SDK", "CLI", "endpoint", "enumeration", "subclass", "instance", "instances"}
)  # fmt: skip
# A brand before the word names a product when the run is this long (TensorRT Model Optimizer);
# shorter, it is a topic (PyTorch Optimization).
SHORTEST_PRODUCT_RUN: Final = 3
# Quoted text of this many words, after a word that reports speech or writing, is a quotation,
# and quotations keep their spelling.
SHORTEST_QUOTATION: Final = 3
REPORTING_WORDS: Final = frozenset(
    {"say", "says", "said", "saying", "write", "writes", "wrote", "written", "put", "puts",
     "state", "states", "stated", "note", "notes", "noted", "ask", "asks", "asked", "argue",
     "argues", "argued", "explain", "explains", "explained", "according", "quote", "quotes",
     "quoted", "quoting", "read", "reads", "claim", "claims", "claimed", "recommend",
     "recommends", "speak", "speaks", "spoke", "tell", "tells", "told", "call", "calls",
     "called", "titled", "entitled", "describe", "describes", "described", "warn", "warns",
     "warned", "verbatim", "phrase", "words", "wording", "reply", "replied"}
)  # fmt: skip
# How many words before the opening quote may hold the reporting word.
REPORTING_REACH: Final = 6
OTHERS_IN_AN_ORGANISATION: Final = 2
LONGEST_RUN: Final = 10
# How far a quotation may reach from the word, each way.
PARAGRAPH_REACH: Final = 600

_QUOTE_PAIRS: Final = (("“", "”"), ("„", "“"), ("«", "»"))
# *Title* or _Title_ (not **bold**): the usual markup of a book's or a paper's title.
_ITALIC = re.compile(
    r"(?<![*\w])\*(?![*\s])([^*\n]+?)(?<![*\s])\*(?![*\w])"
    r"|(?<![_\w])_(?![_\s])([^_\n]+?)(?<![_\s])_(?![_\w])"
)
_LINK_TEXT = re.compile(r"\[([^\[\]\n]+)\]\(")


@load_once
def _phrases_by_word() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Lower-case word -> patterns of the known names that hold it."""
    index: dict[str, list[re.Pattern[str]]] = {}
    for phrase in name_phrases():
        words = WORD.findall(phrase)
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
        for word in {w.lower() for w in words}:
            index.setdefault(word, []).append(pattern)
    return {word: tuple(patterns) for word, patterns in index.items()}


@lru_cache(maxsize=4096)
def is_known_name(word: str) -> bool:
    """A person's or company's name that is no everyday word (Kennedy, Databricks)."""
    head = word.split("'", 1)[0].split("’", 1)[0]
    return head in names()


def _is_capitalised_word(word: str) -> bool:
    head = word.split("'", 1)[0].split("’", 1)[0]
    return bool(head) and shape(head) in (CAPITALISED, UPPER, MIXED) and head[0].isupper()


def _words_of_line(prose: str, start: int) -> tuple[int, list[tuple[int, int, str]]]:
    line_start, line_end = line_bounds(prose, start)
    return line_start, [
        (m.start() + line_start, m.end() + line_start, m.group())
        for m in WORD.finditer(prose[line_start:line_end])
    ]


def _run_around(prose: str, start: int) -> list[str]:
    """The capitalised words joined to the word at ``start`` by single spaces (and the
    connectors of names: Department of Defense), the word included, in order."""
    _, words = _words_of_line(prose, start)
    at = next((i for i, (s, _, _) in enumerate(words) if s == start), None)
    if at is None:
        return []

    def joined(left: int, right: int) -> bool:
        gap = prose[words[left][1] : words[right][0]]
        return gap in (" ", " & ")

    def walk(step: int) -> Iterator[int]:
        index = at
        while 0 <= index + step < len(words) and abs(index - at) < LONGEST_RUN:
            following = index + step
            left, right = sorted((index, following))
            if not joined(left, right):
                return
            word = words[following][2]
            if _is_capitalised_word(word):
                index = following
                yield index
                continue
            after = following + step
            # A connector only joins two capitalised words: "of" in Department of Defense.
            if word in CONNECTORS and 0 <= after < len(words):
                left, right = sorted((following, after))
                if joined(left, right) and _is_capitalised_word(words[after][2]):
                    index = after
                    yield following
                    yield index
                    continue
            return

    before = sorted(walk(-1))
    after = list(walk(1))
    return [words[i][2] for i in (*before, at, *after)]


class Document:
    """Facts about one prose string, worked out only when a candidate word needs them."""

    __slots__ = ("_elsewhere", "_title_lines", "prose")

    def __init__(self, prose: str) -> None:
        self.prose = prose
        self._title_lines: dict[int, bool] = {}
        self._elsewhere: dict[str, bool] = {}

    def in_title_line(self, offset: int) -> bool:
        start, end = line_bounds(self.prose, offset)
        known = self._title_lines.get(start)
        if known is None:
            known = self._title_lines[start] = is_title_case(self.prose[start:end])
        return known

    def in_name_phrase(self, start: int, end: int, lower: str) -> bool:
        patterns = _phrases_by_word().get(lower)
        if not patterns:
            return False
        window_start = max(0, start - 120)
        window = self.prose[window_start : end + 120]
        offset = start - window_start
        return any(
            match.start() <= offset and offset + (end - start) <= match.end()
            for pattern in patterns
            for match in pattern.finditer(window)
        )

    def is_name(self, start: int, end: int, head: str) -> bool:
        """Whether the capitalised word ``head`` at ``start`` is (part of) a name."""
        if self.in_cited_text(start, end):
            return True
        if self._names_something_in_code(end) or self._next_to_a_name(start, end):
            return True
        run = _run_around(self.prose, start)
        if self._is_organisation(run, head):
            return True
        if not self.in_title_line(start) and self._is_product(run, head):
            return True
        return self._named_elsewhere(head)

    def in_cited_text(self, start: int, end: int) -> bool:
        """Link text, a Title Case title in quotes or italics, or a quotation."""
        prose = self.prose
        line_start, line_end = line_bounds(prose, start)
        line = prose[line_start:line_end]
        at, stop = start - line_start, end - line_start
        for match in _LINK_TEXT.finditer(line):
            if match.start(1) <= at and stop <= match.end(1):
                text = match.group(1)
                return text[:1].isupper() and len(WORD.findall(text)) >= 2
        found = _quoted_text(*_paragraph_around(prose, start, end))
        if found is not None:
            quoted, before = found
            if is_title_case(quoted):
                return True  # a title: the paper "Optimizing Large Models"
            # A quotation of someone else's words keeps their spelling; the writer's own
            # phrase in quotes ("GPU utilization above 95%" does not page) does not.
            lead_in = {word.lower() for word in WORD.findall(before)[-REPORTING_REACH:]}
            return len(WORD.findall(quoted)) >= SHORTEST_QUOTATION and bool(
                lead_in & REPORTING_WORDS
            )
        if "*" in line or "_" in line:
            for match in _ITALIC.finditer(line):
                group = 1 if match.group(1) is not None else 2
                if match.start(group) <= at and stop <= match.end(group):
                    return is_title_case(match.group(group))
        return False

    def _names_something_in_code(self, end: int) -> bool:
        prose = self.prose
        if end >= len(prose) or prose[end] != " ":
            return False
        following = WORD.match(prose, end + 1)
        return following is not None and following.group() in CODE_NOUNS

    def _next_to_a_name(self, start: int, end: int) -> bool:
        """Jim Gray, Kennedy Center: a person's or company's name right beside the word."""
        prose = self.prose
        if start >= 2 and prose[start - 1] == " ":
            before = _word_ending_at(prose, start - 1)
            if before and is_known_name(before):
                return True
        if end < len(prose) - 1 and prose[end] == " ":
            after = WORD.match(prose, end + 1)
            if after and is_known_name(after.group()):
                return True
        return False

    @staticmethod
    def _is_organisation(run: list[str], head: str) -> bool:
        capitalised = [word for word in run if _is_capitalised_word(word)]
        if len(capitalised) < 2:
            return False
        for index, word in enumerate(run):
            if word in CENTRE_WORDS and index + 1 < len(run) and run[index + 1] in CONNECTORS:
                return True  # Center for AI Safety
            if word in ORGANISATION_WORDS and (
                word != head or len(capitalised) > OTHERS_IN_AN_ORGANISATION
            ):
                return True  # Department of Defense; World Health Organization
        return False

    @staticmethod
    def _is_product(run: list[str], head: str) -> bool:
        """A brand (a camel-case word) before the word in a run of three or more words:
        TensorFlow Model Optimization Toolkit, TensorRT Model Optimizer."""
        if len(run) < SHORTEST_PRODUCT_RUN:
            return False
        position = run.index(head) if head in run else len(run)
        return any(shape(word) == MIXED for word in run[:position])

    def _named_elsewhere(self, head: str) -> bool:
        """Whether the document uses ``head`` as an identifier or beside a person's name
        somewhere: then "Behavior" at a sentence start is still the class."""
        known = self._elsewhere.get(head)
        if known is not None:
            return known
        prose = self.prose
        found = False
        index = prose.find(head)
        while index >= 0 and not found:
            end = index + len(head)
            whole = (index == 0 or not prose[index - 1].isalnum()) and (
                end == len(prose) or not prose[end].isalnum()
            )
            if whole and (self._names_something_in_code(end) or self._next_to_a_name(index, end)):
                found = True
            index = prose.find(head, end)
        self._elsewhere[head] = found
        return found


def _word_ending_at(prose: str, end: int) -> str:
    index = end
    while index > 0 and (prose[index - 1].isalnum() or prose[index - 1] in "'’"):
        index -= 1
    return prose[index:end]


def _paragraph_around(prose: str, start: int, end: int) -> tuple[str, int, int]:
    """The paragraph (up to a blank line, and at most a few lines each way) around a word, with
    the word's offsets in it: a quotation may run over a line break."""
    first = max(prose.rfind("\n\n", max(0, start - PARAGRAPH_REACH), start) + 2, 0)
    if first == 1:  # no blank line within reach
        first = max(0, start - PARAGRAPH_REACH)
    last = prose.find("\n\n", end, end + PARAGRAPH_REACH)
    if last < 0:
        last = min(len(prose), end + PARAGRAPH_REACH)
    return prose[first:last], start - first, end - first


def _quoted_text(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The text between the quotes around ``text[start:end]`` and the text before the opening
    quote, or None."""
    for opening, closing in _QUOTE_PAIRS:
        left = text.rfind(opening, 0, start)
        if left >= 0 and text.find(closing, left + 1, start) < 0:
            right = text.find(closing, end)
            if right >= 0:
                return text[left + 1 : right], text[:left]
    if text.count('"', 0, start) % 2 == 1:
        left = text.rfind('"', 0, start)
        right = text.find('"', end)
        if right >= 0:
            return text[left + 1 : right], text[:left]
    return None
