"""Text synchronisation: an open document's unsaved text replaces the disk copy in the index
(a heading typed in one note is offered in another's completion), and is checked.

The document store itself is kept by the protocol (:class:`~blog_lsp.server.protocol.BlogProtocol`)
before these handlers run. Indexing the new text is the vault's :class:`Indexer`'s work, in a
worker; these handlers only say what changed.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from blog_lsp.server.diagnostics import is_note_uri
from blog_lsp.server.documents import fs_path
from blog_lsp.server.server import BlogLanguageServer


def _document_changed(ls: BlogLanguageServer, uri: str) -> None:
    if not is_note_uri(uri) or (path := fs_path(uri)) is None:
        return
    ls.vault_state_for(Path(path)).indexer.document_changed(uri)


def register(server: BlogLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BlogLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        _document_changed(ls, params.text_document.uri)
        ls.diagnostics.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BlogLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        _document_changed(ls, params.text_document.uri)
        ls.diagnostics.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BlogLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.forget_document(uri)
        ls.diagnostics.clear(uri)
        if not is_note_uri(uri):
            return
        # Unsaved changes are gone with the editor's copy: the disk is the truth again.
        found = ls.find_state(uri)
        if found is not None:
            state, relative = found
            if state.stray:
                ls.strays.pop(next(k for k, v in ls.strays.items() if v is state), None)
            else:
                state.indexer.path_changed(relative)
