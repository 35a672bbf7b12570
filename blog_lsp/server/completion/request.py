"""What the items of every completion context share: the document, the cursor, and (made
when first needed) the document's full parse and the vault's completion index."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from lsprotocol import types

from blog_lsp.completion.index import CompletionIndex
from blog_lsp.server.server import BlogLanguageServer, Located

if TYPE_CHECKING:
    from blog_lsp.server.documents import Document
    from blog_lsp.server.draft_relevance import Relevance
    from blog_lsp.settings import Settings
    from blog_lsp.vault.model import Note
    from blog_lsp.vault.vault import Vault


class CompletionRequest:
    """One completion request: the document, the cursor, and (made when first needed) the
    document's full parse and the vault's completion index."""

    def __init__(
        self,
        ls: BlogLanguageServer,
        located: Located,
        document: Document,
        offset: int,
        index: Callable[[], CompletionIndex],
    ) -> None:
        self.ls = ls
        self.located = located
        self.document = document
        self.offset = offset
        self._make_index = index

    @functools.cached_property
    def index(self) -> CompletionIndex:
        return self._make_index()

    @functools.cached_property
    def note(self) -> Note:
        """The current text's full parse."""
        return self.ls.parsed_note(self.located)

    @functools.cached_property
    def relevance(self) -> Relevance | None:
        """A draft's related notes and suggested tags, as last worked out (a keystroke or two
        behind, perhaps: see :class:`~blog_lsp.server.draft_relevance.DraftRelevance`); None
        for a note that is not a draft, and until they are known."""
        indexed = self.vault.index.notes.get(self.located.relative)  # no parse needed
        if not self.vault.is_draft(indexed if indexed is not None else self.note):
            return None
        return self.ls.relevance.latest(self.located)

    @property
    def vault(self) -> Vault:
        return self.located.vault

    @property
    def settings(self) -> Settings:
        return self.located.vault.settings

    def edit_range(self, start: int, end: int) -> types.Range:
        document = self.document
        where = document.lines.range(start, end)
        return self.ls.converter.range_to_client(document.text, document.lines, where)

    @property
    def snippets(self) -> bool:
        return self.ls.client.snippets
