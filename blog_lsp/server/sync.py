"""Text synchronisation: an open document's unsaved text replaces the disk copy in the index
at once (a heading typed in one note is offered in another's completion), and is checked."""

from __future__ import annotations

from lsprotocol import types

from blog_lsp.server.server import BlogLanguageServer, is_note_uri


def _index_open_text(ls: BlogLanguageServer, uri: str) -> None:
    if not is_note_uri(uri):
        return
    located = ls.locate(uri)
    if located is not None and located.text is not None:
        located.vault.set_note(located.relative, located.text)


def register(server: BlogLanguageServer) -> None:
    # pygls has applied the change to its copy of the document before these run.

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BlogLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        _index_open_text(ls, params.text_document.uri)
        ls.diagnostics.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BlogLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        _index_open_text(ls, params.text_document.uri)
        ls.diagnostics.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BlogLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.forget_document(uri)
        ls.diagnostics.clear(uri)
        if not is_note_uri(uri):
            return
        # Unsaved changes are gone with the editor's copy: the disk is the truth again.
        located = ls.locate(uri)
        if located is not None:
            located.vault.reindex(located.relative)
