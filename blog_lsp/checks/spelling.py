"""Likely typos (spelling): words that are in no dictionary, no word list and no other note."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache

from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.findings import Finding
from blog_lsp.vault.model import Note

# Web addresses in the note's text (not its prose: the mask blanks them).
_ADDRESS = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>()\[\]\"'`]+")
_ADDRESS_WORD = re.compile(r"[^\W\d_]{3,}")


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


@makes("spelling")
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


CHECKS = [check_typos]
