"""Where the vault spells out an acronym: for the hover of a ``jargon-undefined`` finding,
which tells the writer how another note put it ("Parameter-Efficient Fine-Tuning (PEFT)").

The notes to read come from the relevance engine's term index (the notes holding the
acronym's word, those it weighs most in first: a note about PEFT is likelier to define it than
one that mentions it once); at most :data:`MOST_READ` are read and parsed, so a word in every
note costs no more than a few.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from blog_lsp.checks.jargon import definitions
from blog_lsp.relevance.terms import query_terms

if TYPE_CHECKING:
    from blog_lsp.vault.model import Note
    from blog_lsp.vault.vault import Vault

MOST_READ = 40
MOST_SHOWN = 3


@dataclass(frozen=True, slots=True)
class Definition:
    path: str
    title: str
    text: str  # the definition as the note writes it


def find_definitions(
    vault: Vault,
    acronym: str,
    read: Callable[[str], Note],
    exclude: str | None = None,
    limit: int = MOST_SHOWN,
) -> list[Definition]:
    """The notes (other than ``exclude``) that spell out ``acronym``, with the first
    definition of each, at most ``limit``; ``read`` gives a note's full parse by its path."""
    terms = list(query_terms([acronym]))
    if not terms:
        return []
    found: list[Definition] = []
    candidates = [
        path for path, _ in vault.index.relevance.weighted_holders(terms[0]) if path != exclude
    ]
    for path in candidates[:MOST_READ]:
        note = read(path)
        texts = definitions(note, acronym)
        if texts:
            found.append(Definition(path, note.title, texts[0]))
            if len(found) == limit:
                break
    return found
