"""The language server: its state, and the feature modules that make it up.

The server is a thin layer over the core (vault model, checks, template). State lives here, on
the server object: the vaults being edited, their indexing status, the client's position
encoding and settings. Each LSP feature is a module with a ``register(server)`` function.

Heavy modules (the vault model, PyYAML, rapidfuzz, the spelling engines) are imported only
after ``initialize`` has been answered, so the editor gets its answer at once.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from blog_lsp import __version__
from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.server.documents import Document, DocumentStore, file_uri, fs_path
from blog_lsp.server.positions import PositionConverter

if TYPE_CHECKING:
    from blog_lsp.checks import CheckContext
    from blog_lsp.settings import SettingProblem
    from blog_lsp.text import Range
    from blog_lsp.vault.model import Note
    from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)


def is_note_uri(uri: str) -> bool:
    """Whether a URI names a note (a Markdown file), the only documents blog-lsp reads."""
    return uri.lower().endswith(".md")


@dataclass
class VaultState:
    """One vault the editor works in: its model, what checks share, and whether the first
    index is complete. Requests that come before then answer from what is indexed so far."""

    vault: Vault
    context: CheckContext
    indexed: threading.Event = field(default_factory=threading.Event)
    problems: list[SettingProblem] = field(default_factory=list)


@dataclass(frozen=True)
class Located:
    """A document inside a vault: the vault, the note's path in it, and its current text."""

    state: VaultState
    relative: str
    uri: str
    text: str | None

    @property
    def vault(self) -> Vault:
        return self.state.vault


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


class BlogLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "blog-lsp",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=BlogProtocol,
        )
        self.converter = PositionConverter()
        self.documents = DocumentStore()
        self.vaults: dict[Path, VaultState] = {}
        self.workspace_roots: list[Path] = []
        self.initialization_options: dict[str, Any] = {}
        self.editor_settings: dict[str, Any] = {}
        # Checks and indexing run here, off the event loop. Two workers: one can index while
        # the other checks the document being typed.
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="blog-lsp")
        self.loop: asyncio.AbstractEventLoop | None = None
        self._vaults_lock = threading.Lock()
        self._parsed: dict[str, tuple[str, Note]] = {}  # uri -> (text, full parse)
        self.diagnostics: Any = None  # the DiagnosticsScheduler, set by the diagnostics module
        self.indexing: Any = None  # starts indexing a new vault, set by lifecycle
        self.watcher: Any = None  # the polling watcher, for clients that cannot watch files

    # -- client capabilities -------------------------------------------------------------

    def client_supports(self, path: str) -> bool:
        """Whether a client capability, given as a dotted path, is present and true."""
        value: Any = self.client_capabilities
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                return False
        return bool(value)

    def _resource_operations(self) -> list[str]:
        edit = getattr(self.client_capabilities.workspace, "workspace_edit", None)
        return list(getattr(edit, "resource_operations", None) or [])

    @property
    def supports_document_changes(self) -> bool:
        """Whether edits may use ``documentChanges``. A client that lists resource operations
        takes them: they exist only inside ``documentChanges``. Neovim 0.11 lists them without
        setting the ``documentChanges`` flag, and applies such edits."""
        return self.client_supports("workspace.workspace_edit.document_changes") or bool(
            self._resource_operations()
        )

    def supports_file_operation(self, kind: types.ResourceOperationKind) -> bool:
        """Whether an edit may create (or rename, delete) a file."""
        return self.supports_document_changes and kind in self._resource_operations()

    @property
    def supports_resource_operations(self) -> bool:
        return self.supports_file_operation(types.ResourceOperationKind.Create)

    # -- vaults and documents ------------------------------------------------------------

    def vault_state_for(self, path: Path) -> VaultState:
        """The vault holding ``path``, opened (and indexed in the background) on first use."""
        from blog_lsp.vault.vault import find_root

        resolved = resolve_path(path)
        for root, state in self.vaults.items():
            if resolved == root or root in resolved.parents:
                return state
        root = find_root(resolved)
        with self._vaults_lock:
            if root not in self.vaults:
                self.vaults[root] = self._open_vault(root)
                if self.indexing is not None:
                    self.indexing(self.vaults[root])
            return self.vaults[root]

    def _open_vault(self, root: Path) -> VaultState:
        from blog_lsp import settings as settings_module
        from blog_lsp.checks import CheckContext
        from blog_lsp.vault.vault import Vault

        config = root / settings_module.CONFIG_FILENAME
        # Problems are shown once, by publish_setting_problems, not logged here as well.
        settings, problems = settings_module.load(config, self.merged_editor_settings())
        vault = Vault(root, settings, problems)
        return VaultState(vault, CheckContext(vault), problems=problems)

    def merged_editor_settings(self) -> dict[str, Any]:
        """initializationOptions, then workspace/configuration (which wins)."""
        options = self.initialization_options
        if isinstance(options.get("blogLsp"), dict):
            options = options["blogLsp"]
        return {**options, **self.editor_settings}

    def locate(self, uri: str) -> Located | None:
        """The vault and note path of a document URI, with its current text (the editor's
        unsaved text when it is open, else the file's), or None for a non-file URI."""
        path_text = fs_path(uri)
        if path_text is None:
            return None
        path = Path(path_text)
        state = self.vault_state_for(path)
        try:
            relative = resolve_folders(path).relative_to(resolve_path(state.vault.root)).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the vault; a symlink loop
            return None
        return Located(state, relative, uri, self.document_text(uri, state.vault))

    def document_text(self, uri: str, vault: Vault) -> str | None:
        """The editor's copy of a document when it is open, else the file's text, read with
        the limits of the vault's scan (size, regular files only)."""
        from blog_lsp.vault.vault import read_note_file

        document = self.open_document(uri)
        if document is not None:
            return document.text
        path_text = fs_path(uri)
        if path_text is None:
            return None
        return read_note_file(Path(path_text), vault.settings.max_file_size).text

    def open_document(self, uri: str) -> Document | None:
        """The editor's copy of a document, or None when it is not open."""
        return self.documents.get(uri)

    def parsed_note(self, located: Located) -> Note:
        """The full parse of a document's current text, reused while the text is unchanged."""
        text = located.text
        cached = self._parsed.get(located.uri)
        if cached is not None and text is not None and cached[0] == text:
            return cached[1]
        note = located.vault.load(located.relative, text)
        if text is not None:
            self._parsed[located.uri] = (text, note)
        return note

    def document_note(self, uri: str) -> tuple[Located, Note] | None:
        """The note a request is about, fully parsed, or None for anything that is not a
        readable Markdown note of a vault (other files, missing files)."""
        if not is_note_uri(uri):
            return None
        located = self.locate(uri)
        if located is None or located.text is None:
            return None
        note = self.parsed_note(located)
        if note.text is None or note.lines is None:
            return None
        return located, note

    def forget_document(self, uri: str) -> None:
        self._parsed.pop(uri, None)

    def uri_for(self, vault: Vault, relative: str) -> str:
        """The URI of a note, spelt as the client spells the URIs of open documents."""
        path = str(vault.root / relative)
        document = self.documents.by_path(path)
        if document is not None:
            return document.uri
        return file_uri(path)

    def note_for(self, vault: Vault, relative: str) -> Note:
        """The full parse of any note's current text (the editor's copy when it is open):
        for ranges in notes other than the one a request is about."""
        return vault.load(relative, self.note_text(vault, relative))

    def note_text(self, vault: Vault, relative: str) -> str | None:
        """A note's current text: the editor's copy when open, else the file's."""
        return self.document_text(self.uri_for(vault, relative), vault)

    # -- positions -----------------------------------------------------------------------

    def to_client_range(self, note: Note, where: Range) -> types.Range:
        if note.text is None or note.lines is None:
            # A note without text (too large, not UTF-8) has findings only at its start,
            # which is (0, 0) in every encoding.
            return types.Range(types.Position(0, 0), types.Position(0, 0))
        return self.converter.range_to_client(note.text, note.lines, where)

    def from_client_position(self, note: Note, position: types.Position) -> int:
        """The offset in the note's text of a client position."""
        assert note.text is not None and note.lines is not None, "needs a full parse"
        return self.converter.offset_from_client(note.text, note.lines, position)

    # -- errors --------------------------------------------------------------------------

    def report_server_error(self, error: Exception, source: Any) -> None:
        # pygls has already answered the request with an error; a pop-up for every bad
        # message from a client would only get in the writer's way. Refusals and bad
        # parameters are expected: a line says why; anything else gets its traceback.
        if isinstance(error, JsonRpcException):
            log.warning("blog-lsp refused a request: %s", error)
        else:
            log.error("blog-lsp could not handle a message: %s", error, exc_info=error)


def create_server() -> BlogLanguageServer:
    from blog_lsp.server import (
        code_actions,
        completion,
        diagnostics,
        lifecycle,
        navigation,
        sync,
    )

    server = BlogLanguageServer()
    for module in (lifecycle, sync, diagnostics, completion, code_actions, navigation):
        module.register(server)
    return server
