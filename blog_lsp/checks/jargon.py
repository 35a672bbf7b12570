"""Jargon explained: an acronym in a draft's prose is spelled out at its first use.

The guide says not to use technical jargon without explanation. An acronym (two or more
capitals, maybe digits after them: PEFT, RAG, KV, FP8; a plural 's' is allowed: LLMs) counts as
spelled out where the draft writes

- ``Parameter-Efficient Fine-Tuning (PEFT)``: the words before the parentheses abbreviate
  to it (Schwartz and Hearst's test: each letter in order, the first at a word's start);
- ``PEFT (Parameter-Efficient Fine-Tuning)``: the words inside do;
- ``PEFT stands for ...`` or ``PEFT, short for ...``.

The first use that is not such a definition must come after one; titles and headings do not
count as uses (a title cannot define what it names). Acronyms every reader knows (the
``known_acronyms`` setting: AI, ML, GPU, API, URL...), Roman numerals and words written in
capitals for emphasis (NOT, NEVER) are never reported. One hint an acronym, at its first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.findings import Finding
from blog_lsp.spelling.typos import is_dictionary_word
from blog_lsp.vault.model import Note

# Two or more capitals, maybe digits after them (FP16, BM25; not a postcode such as SW1A), not
# inside a longer word or identifier; an optional plural 's'.
# Hyphens of every kind: 'HARM\u2011bench' is a name, not the acronym HARM.
_ACRONYM = re.compile(r"(?<![\w/.\u2010\u2011-])([A-Z]{2,}[0-9]*)(s?)(?![\w\u2010\u2011-])")
# An English word of this many letters in capitals is emphasis ('it ROTATES the vectors').
_SHOUTED_FROM = 5
_ROMAN = re.compile(r"[IVXLC]+")
# Words of up to this many before '(' are tried as the long form (Schwartz and Hearst:
# min(|A| + 5, 2|A|)).
_LONG_FORM_WORDS = 10
_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_STANDS_FOR = re.compile(r"\s*(?:,\s*)?(?:stands for|short for|which stands for)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?:;]\s|\n\s*\n")
# The most of a "PEFT stands for ..." sentence shown as its definition.
_DEFINITION_CHARACTERS = 200

# Words people write in capitals for emphasis or as labels, not acronyms.
EMPHASIS = frozenset(
    """NO NOT DO DON'T DONT NEVER ALWAYS ALL ANY AND OR BUT IF THE THIS THAT IS ARE WAS IT
    YOU WE MUST SHOULD ONLY VERY NOTE WARNING IMPORTANT TODO FIXME NEW STOP YES MORE LESS
    ONE TWO BIG AN AS AT BE BY GO IN ME MY OF ON SO TO UP US WHY HOW WHAT WHEN FREE WIP TL
    DR""".split()
)


@dataclass(frozen=True, slots=True)
class _Use:
    start: int
    end: int
    acronym: str


def _long_form_start(short: str, long: str) -> int | None:
    """Where in ``long`` its abbreviation to ``short`` starts, or None when it does not
    abbreviate to it (Schwartz and Hearst 2003): every letter or digit of the short form,
    right to left, found in the long form in order, the first one at the start of a word."""
    letters = [c.lower() for c in short if c.isalnum()]
    text = long.lower()
    position = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        wanted = letters[index]
        while position >= 0 and (
            text[position] != wanted
            or (index == 0 and position > 0 and text[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return None
        position -= 1
    return position + 1


def _abbreviates(short: str, long: str) -> bool:
    return _long_form_start(short, long) is not None


def _words_before(prose: str, start: int) -> list[re.Match[str]]:
    """The words of the sentence that runs up to ``start`` (at most a few words back)."""
    window_start = max(0, start - 200)
    window = prose[window_start:start]
    ends = list(_SENTENCE_END.finditer(window))
    offset = window_start + (ends[-1].end() if ends else 0)
    return list(_WORD.finditer(prose, offset, start))[-_LONG_FORM_WORDS:]


def _definition_span(prose: str, use: _Use) -> tuple[int, int] | None:
    """Where this use of the acronym defines it, with its long form (see the module's
    notes), or None when it does not."""
    before = prose[: use.start].rstrip()
    after = prose[use.end :]
    if before.endswith("(") and after.lstrip().startswith(")"):
        # "Long Form (ACR)": the words before the parenthesis.
        words = _words_before(prose, len(before) - 1)
        long_form = " ".join(word.group() for word in words)
        found = _long_form_start(use.acronym, long_form) if long_form else None
        if found is None:
            return None
        first = words[long_form[:found].count(" ")]
        return first.start(), use.end + after.index(")") + 1
    stripped = after.lstrip()
    if stripped.startswith("("):
        # "ACR (Long Form)".
        inside = stripped[1 : stripped.find(")")] if ")" in stripped else ""
        if inside and "\n" not in inside and _abbreviates(use.acronym, inside):
            return use.start, use.end + after.index(")") + 1
        return None
    if _STANDS_FOR.match(after) is None:
        return None
    end = _SENTENCE_END.search(prose, use.end)
    return use.start, min(end.start() + 1 if end else len(prose), use.end + _DEFINITION_CHARACTERS)


def _defines(prose: str, use: _Use) -> bool:
    """Whether this use of the acronym is its definition (see the module's notes)."""
    return _definition_span(prose, use) is not None


def definitions(note: Note, acronym: str) -> list[str]:
    """The places a fully parsed note spells out ``acronym``, each as its text ("Parameter-
    Efficient Fine-Tuning (PEFT)"), in order; headings and the frontmatter count too."""
    prose, text = note.prose, note.text
    if prose is None or text is None:
        return []
    found = []
    for match in _ACRONYM.finditer(prose):
        if match.group(1) != acronym:
            continue
        span = _definition_span(prose, _Use(match.start(1), match.end(), acronym))
        if span is not None:
            found.append(" ".join(text[span[0] : span[1]].split()))
    return found


def _placeholder(prose: str, start: int, end: int) -> bool:
    """A template's blank to fill in: '[LINK]', '[NAME]' (a bracket alone, not a link)."""
    return (
        prose[start - 1 : start] == "["
        and prose[end : end + 1] == "]"
        and (prose[end + 1 : end + 2] != "(")
    )


def _shouted(acronym: str) -> bool:
    return len(acronym) >= _SHOUTED_FROM and is_dictionary_word(acronym.lower())


def _skipped_lines(note: Note) -> set[int]:
    """Lines whose uses do not count: the frontmatter (title, description) and headings."""
    lines: set[int] = set()
    if note.frontmatter is not None:
        lines.update(range(note.frontmatter.range.start.line, note.frontmatter.range.end.line + 1))
    lines.update(heading.range.start.line for heading in note.headings)
    return lines


@makes("jargon-undefined")
def check_jargon(note: Note, context: CheckContext) -> Iterator[Finding]:
    prose, lines = note.prose, note.lines
    if prose is None or lines is None or not context.applies("drafts", note):
        return
    known = {name.casefold() for name in context.settings.known_acronyms}
    skipped = _skipped_lines(note)
    first_use: dict[str, _Use] = {}
    defined: dict[str, _Use] = {}
    for match in _ACRONYM.finditer(prose):
        acronym = match.group(1)
        if acronym.casefold() in known or acronym in EMPHASIS or _ROMAN.fullmatch(acronym):
            continue
        if _placeholder(prose, match.start(1), match.end()) or _shouted(acronym):
            continue
        use = _Use(match.start(1), match.end(), acronym)  # a plural "s" too
        if _defines(prose, use):
            defined.setdefault(acronym, use)
        elif acronym not in first_use and lines.position(use.start).line not in skipped:
            first_use[acronym] = use
    for acronym, use in first_use.items():
        definition = defined.get(acronym)
        if definition is not None and definition.start < use.start:
            continue
        where = lines.range(use.start, use.end)
        if definition is None:
            message = (
                f'"{acronym}" is never spelled out: write it in full at its first use, as '
                f'"... ({acronym})", or add it to known_acronyms if every reader knows it.'
            )
        else:
            line = lines.position(definition.start).line + 1
            message = (
                f'"{acronym}" is used before it is spelled out (on line {line}): spell it out '
                "at its first use."
            )
        yield finding(
            "jargon-undefined",
            where,
            message,
            acronym=acronym,
            defined_line=None if definition is None else lines.position(definition.start).line,
        )


CHECKS = [check_jargon]
