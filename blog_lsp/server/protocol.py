"""The protocol: the messages as they arrive, before any feature sees them. The document
notifications write to the server's own document store (not pygls's workspace), and bad
messages get an error response instead of a traceback."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

if TYPE_CHECKING:
    from blog_lsp.server.server import BlogLanguageServer

log = logging.getLogger(__name__)


class BlogProtocol(LanguageServerProtocol):
    """pygls's protocol, with the LSP's rules where pygls bends them.

    - A request whose parameters do not fit its method gets an InvalidParams error (pygls
      drops it without a reply, so the client would wait for ever).
    - Before ``initialize``, a request gets ServerNotInitialized (-32002) and a notification
      is dropped; after ``shutdown``, a request gets InvalidRequest (pygls answers nothing).
    - Open documents are kept in the server's own :class:`DocumentStore`, by the LSP's line
      rules, not in pygls's workspace (see :mod:`blog_lsp.server.documents`).
    """

    _server: BlogLanguageServer

    def __init__(self, server: BlogLanguageServer, converter: Any) -> None:
        super().__init__(server, converter)
        self._initialize_received = False

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" in data and "method" in data:
                self._send_response(
                    data["id"],
                    error=types.ResponseError(
                        code=error.code,
                        message=f"blog-lsp cannot read the parameters of {data['method']!r}.",
                    ),
                )
            raise

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        if method is None or method == types.EXIT:
            super().handle_message(message)
            return
        request_id = getattr(message, "id", None)  # None for a notification
        if self._shutdown:
            refusal = (types.ErrorCodes.InvalidRequest, "the server is shutting down")
        elif not self._initialize_received and method != types.INITIALIZE:
            refusal = (types.ErrorCodes.ServerNotInitialized, "the server is not initialised")
        else:
            self._initialize_received = True
            super().handle_message(message)
            return
        code, why = refusal
        log.info("%s before initialize or after shutdown: %s", method, why)
        if request_id is not None:
            self._send_response(
                request_id, error=types.ResponseError(code=code, message=f"blog-lsp: {why}.")
            )

    # pygls applies document changes in these built-in handlers before ours run: here they go
    # to the server's own store instead, and pygls's workspace holds no documents.

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        self._server.documents.open(params.text_document)
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if self._server.documents.change(params, self._server.converter) is None:
            return
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Any:
        if self._server.documents.close(params.text_document.uri) is None:
            return
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None
