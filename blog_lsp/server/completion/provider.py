"""The completion provider: each vault's :class:`CompletionIndex`, kept ready, and which
context's items answer a request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from blog_lsp.completion.index import CompletionIndex
from blog_lsp.server.completion.frontmatter import key_items, value_items
from blog_lsp.server.completion.links import link_items
from blog_lsp.server.completion.request import CompletionRequest
from blog_lsp.server.completion.tags import tag_items
from blog_lsp.server.diagnostics import is_note_uri
from blog_lsp.server.server import BlogLanguageServer

if TYPE_CHECKING:
    from blog_lsp.server.vaults import VaultState


class CompletionProvider:
    """Answers completion requests; keeps the last :class:`CompletionIndex` of each vault
    (on the event loop: requests and index changes are both handled there)."""

    def __init__(self, ls: BlogLanguageServer) -> None:
        self.ls = ls
        self._indexes: dict[int, CompletionIndex] = {}  # by id of the VaultState
        self._warming: dict[int, int] = {}  # the names version being built for each state

    def index_changed(self, state: VaultState, kind: str) -> None:
        """After a scan, or when the names change (a note came, went or was renamed), put the
        names list and its letter sets together in a worker, so that the next '[[' finds them
        ready: on 100,000 notes they take most of a second, which a keystroke must not."""
        version = state.vault.index.names_version
        known = self._indexes.get(id(state))
        if kind != "scan" and known is not None and known.names_version == version:
            return
        if self._warming.get(id(state)) == version:
            return
        self._warming[id(state)] = version
        self.ls.spawn(self._warm(state, version), f"completion names {state.root}")

    async def _warm(self, state: VaultState, version: int) -> None:
        vault = state.vault
        try:
            built = await self.ls.run_in_worker(CompletionIndex.build_ready, vault)
        finally:
            if self._warming.get(id(state)) == version:
                del self._warming[id(state)]
        current = state.vault.index.names_version
        if built.names_version != current:
            # The names changed while it was built: build again (here it would be on the loop).
            self.index_changed(state, "names")
            return
        known = self._indexes.get(id(state))
        if known is None or known.names_version != current:
            self._indexes[id(state)] = built.current_for(state.vault)

    def index_for(self, state: VaultState) -> CompletionIndex:
        known = self._indexes.get(id(state))
        index = CompletionIndex.build(state.vault) if known is None else known
        index = index.current_for(state.vault)
        self._indexes[id(state)] = index
        return index

    def complete(
        self, ls: BlogLanguageServer, params: types.CompletionParams
    ) -> types.CompletionList | None:
        from blog_lsp.cursor import completion_context as contexts

        uri = params.text_document.uri
        # Only documents open in the editor: a request for anything else (a file that is
        # not there, not a note) has nothing to complete.
        document = ls.open_document(uri)
        if document is None or not is_note_uri(uri):
            return None
        located = ls.locate(uri)
        if located is None or located.text is None:
            return None
        offset = ls.converter.offset_from_client(document.text, document.lines, params.position)
        # Where the cursor stands is read from the raw text: most requests end here, and no
        # parse is needed for link names either.
        context = contexts.detect(document.text, offset)
        if context is None:
            return None
        request = CompletionRequest(
            ls, located, document, offset, lambda: self.index_for(located.state)
        )
        if isinstance(context, contexts.LinkContext):
            return link_items(request, context)
        if isinstance(context, contexts.TagContext):
            return tag_items(request, context)
        if isinstance(context, contexts.KeyContext):
            return key_items(request, context)
        return value_items(request, context)
