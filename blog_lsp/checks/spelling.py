"""Spelling checks: American spellings, British style preferences, likely typos, mojibake."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache

from blog_lsp.checks import CheckContext, finding
from blog_lsp.findings import Finding
from blog_lsp.vault.model import Note

# Web addresses in the note's text (not its prose: the mask blanks them).
_ADDRESS = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>()\[\]\"'`]+")
_ADDRESS_WORD = re.compile(r"[^\W\d_]{3,}")

# UTF-8 read as Windows-1252 or Latin-1 turns each multi-byte character into a lead letter
# (Â-ô) and one or more of the characters its continuation bytes become (€‚ƒ„…†‡ˆ‰Š‹ŒŽ''“”•–—
# ˜™š›œžŸ and the Latin-1 signs). Only runs with such a pair are handed to ftfy.
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]+")


def check_british(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.prose is None or note.lines is None or not context.spelling_applies(note):
        return
    lines = note.lines
    for hit in context.british.find(note.prose):
        yield finding(
            hit.code,
            lines.range(hit.start, hit.end),
            f'"{hit.word}" -> "{hit.replacement}"',
            hit.replacement,
            word=hit.word,
            reason=hit.reason,
        )


def note_names(note: Note) -> Callable[[], frozenset[str]]:
    """The words of the note's web addresses and link targets (anyscale in anyscale.com, a
    note's name), lower-case: names the writer links to are no typos. Worked out on first use."""

    @cache
    def words() -> frozenset[str]:
        found: set[str] = set()
        for address in _ADDRESS.findall(note.text or ""):
            found.update(word.lower() for word in _ADDRESS_WORD.findall(address))
        for link in note.links:
            found.update(word.lower() for word in _ADDRESS_WORD.findall(link.target))
        return frozenset(found)

    return words


def check_typos(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.prose is None or note.lines is None or not context.spelling_applies(note):
        return
    if not context.vault_ready:  # "used in no other note" needs the whole vault
        return
    vault = context.vault
    lines = note.lines
    linked = note_names(note)

    def is_known(candidate: str) -> bool:
        return candidate.lower() in linked() or vault.used_elsewhere(candidate, note)

    found = context.typos.unknown_words(note.prose, is_known)
    uses = Counter(word.lower() for _, _, word in found)
    for start, end, word in found:
        count = uses[word.lower()]
        here = f" ({count} times in this note)" if count > 1 else ""
        yield finding(
            "spelling",
            lines.range(start, end),
            f'"{word}" is in no dictionary, no word list and no other note{here}: a typo?',
            word=word,
        )


def check_mojibake(note: Note, context: CheckContext) -> Iterator[Finding]:
    """Text that was UTF-8 read as Windows-1252 (O(nÂ²), â†’, ðŸ‘‰), with ftfy's repair."""
    prose = note.prose
    if prose is None or note.lines is None or _MOJIBAKE_PAIR.search(prose) is None:
        return
    from ftfy import fix_encoding  # imported late: most notes never need it

    lines = note.lines
    for run in _NON_ASCII_RUN.finditer(prose):
        text = run.group()
        if _MOJIBAKE_PAIR.search(text) is None:
            continue
        repaired = fix_encoding(text)
        if repaired != text:
            yield finding(
                "text-mojibake",
                lines.range(run.start(), run.end()),
                f'"{text}" is garbled text (UTF-8 read as Windows-1252): "{repaired}"',
                repaired,
                text=text,
            )


CHECKS = [check_british, check_typos, check_mojibake]
