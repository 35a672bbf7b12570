"""Each open draft's related notes and suggested tags, worked out once per version of it.

Completion ranks by them and the relevance code actions write them. Related notes and tags
take milliseconds to tens of milliseconds on a large vault (see the README's benchmarks):
too long for the event loop on every keystroke, so a worker computes them from the values of
one moment (the vault, the document's text and version) and the loop keeps the result.

- Code actions :meth:`DraftRelevance.of` the document's current version: they wait for it
  (one computation, however many requests ask while it runs).
- Completion takes what :meth:`DraftRelevance.latest` has, even a version or two behind (a
  keystroke hardly changes what a draft is about), and asks for the current one to be
  computed, unless one is on its way already: at most one computation per draft at a time,
  and none while nobody asks (idle means idle).

Only a complete index gives results: during a scan the vault's notes are not all there.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blog_lsp.relevance.engine import RelatedNote, SuggestedTag
    from blog_lsp.server.server import BlogLanguageServer, Located
    from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)

# How many related notes and tags are kept: enough for the code actions (which leave out the
# notes linked already) and for completion's ranking, and the notes the tags vote with.
RELATED_KEPT = 15
TAGS_KEPT = 30
# How many related notes completion puts first among equal matches.
RELATED_RANKED = 10


@dataclass(frozen=True)
class Relevance:
    """A draft's related notes and suggested tags, best first, for one version of it in one
    vault value."""

    version: int | None
    vault: Vault
    related: tuple[RelatedNote, ...]
    tags: tuple[SuggestedTag, ...]

    def is_for(self, located: Located) -> bool:
        return self.version == located.version and self.vault is located.vault

    def related_ranks(self) -> dict[str, int]:
        """Note path -> its place among the most related notes (0 is the most related), for
        completion: the first few only (further down they are about other things)."""
        return {found.path: rank for rank, found in enumerate(self.related[:RELATED_RANKED])}

    def tag_ranks(self) -> dict[str, int]:
        """Casefolded tag -> its place among the suggested tags."""
        return {found.tag.casefold(): rank for rank, found in enumerate(self.tags)}


def compute(ls: BlogLanguageServer, located: Located) -> Relevance:
    """In a worker: the relevance of the document's text at ``located``."""
    from blog_lsp.relevance.engine import related_notes, suggest_tags

    note = ls.parsed_note(located)
    vault = located.vault
    related = related_notes(vault, note, RELATED_KEPT)
    tags = suggest_tags(vault, note, TAGS_KEPT, related=related)
    return Relevance(located.version, vault, tuple(related), tuple(tags))


class DraftRelevance:
    """The relevance of each open draft (see the module's notes). On the event loop only."""

    def __init__(self, ls: BlogLanguageServer) -> None:
        self.ls = ls
        self._known: dict[str, Relevance] = {}  # by URI
        self._computing: dict[str, tuple[Located, asyncio.Task[Relevance]]] = {}

    def latest(self, located: Located) -> Relevance | None:
        """The newest relevance of the document (perhaps of an earlier version), having the
        current one computed when it is not known nor on its way; None until one is known, or
        while the vault is being scanned."""
        if not located.vault.index.complete:
            return None
        known = self._known.get(located.uri)
        if (known is None or not known.is_for(located)) and located.uri not in self._computing:
            self._start(located)
        return known

    async def of(self, located: Located) -> Relevance | None:
        """The relevance of the document as it is at ``located``; None while the vault is
        being scanned."""
        if not located.vault.index.complete:
            return None
        known = self._known.get(located.uri)
        if known is not None and known.is_for(located):
            return known
        pending = self._computing.get(located.uri)
        task = pending[1] if pending is not None and _same(pending[0], located) else None
        if task is None:
            task = self._start(located)
        if task is None:
            return None  # shutting down
        # Shielded: a cancelled request must not cancel what the other requests wait for.
        return await asyncio.shield(task)

    def forget(self, uri: str) -> None:
        """The document was closed."""
        self._known.pop(uri, None)

    def _start(self, located: Located) -> asyncio.Task[Relevance] | None:
        task = self.ls.spawn(self._compute(located), f"relevance of {located.uri}")
        if task is not None:
            self._computing[located.uri] = (located, task)
        return task

    async def _compute(self, located: Located) -> Relevance:
        uri = located.uri
        try:
            found = await self.ls.run_in_worker(compute, self.ls, located)
        finally:
            pending = self._computing.get(uri)
            if pending is not None and pending[0] is located:
                del self._computing[uri]
        known = self._known.get(uri)
        still_open = self.ls.open_document(uri) is not None
        newer = known is None or known.version is None or (found.version or 0) >= known.version
        if still_open and newer:
            self._known[uri] = found
        return found


def _same(one: Located, other: Located) -> bool:
    return one.version == other.version and one.vault is other.vault
