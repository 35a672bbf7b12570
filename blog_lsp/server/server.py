"""The language server: its state, and the feature modules that make it up.

The server is a thin layer over the core (vault model, checks, drafting). State lives here, on
the server object, and only the event loop changes it: the open documents, the vaults being
edited (each with its one writer, :class:`~blog_lsp.server.vaults.Indexer`), the client's
position encoding and settings. Workers (a thread pool) compute values from snapshots and hand
them back. Each LSP feature is a module with a ``register(server)`` function.

Heavy modules (the vault model, PyYAML, rapidfuzz, the spelling engines) are imported only
after ``initialize`` has been answered, so the editor gets its answer at once.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from blog_lsp import __version__
from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.server.diagnostics import DiagnosticsScheduler, is_note_uri
from blog_lsp.server.documents import Document, DocumentStore, file_uri, fs_path
from blog_lsp.server.draft_relevance import DraftRelevance
from blog_lsp.server.features import ClientFeatures
from blog_lsp.server.positions import PositionConverter
from blog_lsp.server.protocol import BlogProtocol
from blog_lsp.server.vaults import Indexer, VaultState

if TYPE_CHECKING:
    from blog_lsp.server.watcher import VaultWatcher
    from blog_lsp.text import Range
    from blog_lsp.vault.model import Note
    from blog_lsp.vault.vault import Vault

T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Located:
    """A document inside a vault at one moment: the vault's state and its value then (which
    never changes), the note's path in it, its text then and the document's version (None
    when it is not open in the editor)."""

    state: VaultState
    vault: Vault
    relative: str
    uri: str
    text: str | None
    version: int | None = None


class BlogLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "blog-lsp",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=BlogProtocol,
        )
        self.converter = PositionConverter()
        self.client = ClientFeatures()  # what the client can do, resolved at initialize
        self.documents = DocumentStore()
        self.vaults: dict[Path, VaultState] = {}
        # Lone notes outside any vault, each checked on its own (no scan), by path.
        self.strays: dict[Path, VaultState] = {}
        self.workspace_roots: list[Path] = []
        self.initialization_options: dict[str, Any] = {}
        self.editor_settings: dict[str, Any] = {}
        # Checks and scans run here, off the event loop. Two workers: one can scan while the
        # other checks the document being typed.
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="blog-lsp")
        self.loop: asyncio.AbstractEventLoop | None = None
        self.shutting_down = False
        # Every task the server starts, held until it ends (asyncio keeps only weak
        # references to tasks) and its failure logged.
        self._tasks: set[asyncio.Task[Any]] = set()
        # The full parse of open documents, by URI, for requests on the loop: (version, note).
        self._parsed: dict[str, tuple[int | None, Note]] = {}
        self.checks_run = 0  # how many times the checks of a document ran (the status says)
        self.diagnostics = DiagnosticsScheduler(self)
        self.relevance = DraftRelevance(self)  # open drafts' related notes and tags
        self.watcher: VaultWatcher | None = None  # for clients that cannot watch files
        # Told of every change to any vault's index, on the loop: (state, kind of change).
        self.index_listeners: list[Callable[[VaultState, str], None]] = [self._index_changed]

    # -- tasks and workers -----------------------------------------------------------------

    def spawn(self, work: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any] | None:
        """Run a coroutine as a task the server holds, and log its failure."""
        if self.shutting_down:
            work.close()
            return None
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s failed", task.get_name(), exc_info=task.exception())

    async def run_in_worker(self, work: Callable[..., T], *args: Any) -> T:
        """Run ``work`` in a worker thread and wait for its value. After shutdown there are
        no workers: the waiting task is cancelled instead. (A worker cannot be stopped:
        long work takes a flag to look at.)"""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self.executor, functools.partial(work, *args))
        except RuntimeError:
            if self.shutting_down:
                raise asyncio.CancelledError from None
            raise

    async def stop_tasks(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    # -- progress --------------------------------------------------------------------------

    async def progress_begin(self, message: str) -> str | None:
        """Start a $/progress report when the client shows them; its token, or None."""
        if not self.client.work_done_progress:
            return None
        from blog_lsp.server.lifecycle import next_progress_token

        token = next_progress_token()
        try:
            await self.work_done_progress.create_async(token)
            self.work_done_progress.begin(
                token,
                types.WorkDoneProgressBegin(title="blog-lsp", message=message, cancellable=False),
            )
        except Exception as error:
            log.info("no progress report: %s", error)
            return None
        return token

    def progress_report(self, token: str | None, message: str) -> None:
        if token is not None:
            self.work_done_progress.report(token, types.WorkDoneProgressReport(message=message))

    def progress_end(self, token: str | None, message: str) -> None:
        if token is not None:
            self.work_done_progress.end(token, types.WorkDoneProgressEnd(message=message))

    # -- client capabilities -------------------------------------------------------------

    @property
    def supports_document_changes(self) -> bool:
        return self.client.document_changes

    def supports_file_operation(self, kind: types.ResourceOperationKind) -> bool:
        """Whether an edit may create (or rename, delete) a file."""
        return self.client.file_operation(kind)

    @property
    def supports_resource_operations(self) -> bool:
        return self.client.file_operation(types.ResourceOperationKind.Create)

    # -- vaults and documents ------------------------------------------------------------

    def find_state(self, uri: str) -> tuple[VaultState, str] | None:
        """The vault already open that holds a document, and the note's path in it; None
        when none does (nothing is opened here)."""
        path_text = fs_path(uri)
        if path_text is None:
            return None
        return self.state_holding(Path(path_text))

    def state_holding(self, path: Path) -> tuple[VaultState, str] | None:
        """The vault already open that holds a path, and the path in it (nothing opened)."""
        folders = resolve_folders(path)
        stray = self.strays.get(folders)
        if stray is not None:
            return stray, path.name
        for root, state in self.vaults.items():
            if folders == root or root in folders.parents:
                try:
                    return state, folders.relative_to(root).as_posix()
                except ValueError:
                    continue
        return None

    def vault_state_for(self, path: Path) -> VaultState:
        """The vault holding ``path``, opened (and scanned in the background) on first use.
        A vault is the nearest folder above holding `.obsidian/` or `.blog-lsp.toml`, else a
        workspace folder the client sent that holds the path; a Markdown file in neither is
        a lone note, checked on its own: no folder is scanned for it."""
        from blog_lsp.vault.files import find_marked_root

        found = self.state_holding(path)
        if found is not None:
            return found[0]
        resolved = resolve_path(path)
        root = find_marked_root(resolved)
        if root is None:
            folders = [resolve_path(folder) for folder in self.workspace_roots]
            root = next(
                (f for f in folders if resolved == f or f in resolved.parents),
                None,
            )
        if root is None:
            state = self._open_state(resolved.parent, stray=True)
            self.strays[resolve_folders(path)] = state
            log.info("%s is in no vault and no workspace folder: it is checked on its own", path)
            return state
        state = self.vaults[root] = self._open_state(root)
        state.indexer.rescan()
        return state

    def _open_state(self, root: Path, *, stray: bool = False) -> VaultState:
        from blog_lsp.checks import SpellingEngines
        from blog_lsp.vault.index import VaultIndex
        from blog_lsp.vault.vault import open_vault

        # Problems are shown once, by publish_setting_problems, not logged here as well.
        # Incomplete until its first scan ends; a lone note's vault never is.
        vault = open_vault(
            root,
            editor_settings=self.merged_editor_settings(),
            own_settings=not stray,
            index=VaultIndex(complete=False),
        )
        problems = vault.setting_problems
        state = VaultState(vault, SpellingEngines(vault), tuple(problems), stray=stray)
        state.indexer = Indexer(self, state)
        state.indexer.on_change = self.index_listeners
        return state

    def _index_changed(self, state: VaultState, kind: str) -> None:
        if kind != "documents":  # notes came, went or changed on disk: links may differ
            self.diagnostics.schedule_all()
        if kind == "scan" and self.watcher is not None:
            # Watched once scanned: a watcher that hears every read of the scan slows it down
            # by a third. What changed before the watch began is found by comparing stamps.
            self.watcher.refresh()

    async def index_updated(self) -> None:
        """Wait until every vault's index holds the changes sent so far (documents, files;
        a scan may still run)."""
        for state in self.all_states():
            await state.indexer.updated()

    def all_states(self) -> list[VaultState]:
        return [*self.vaults.values(), *self.strays.values()]

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
        found = self.state_holding(path)
        if found is None or found[0] is not state:
            return None  # outside the vault (a symbolic link that leads out of it)
        vault = state.vault
        document = self.open_document(uri)
        if document is not None:
            return Located(state, vault, found[1], uri, document.text, document.version)
        return Located(state, vault, found[1], uri, self.disk_text(path, vault))

    @staticmethod
    def disk_text(path: Path, vault: Vault) -> str | None:
        """A file's text, read with the limits of the vault's scan (size, regular files)."""
        from blog_lsp.vault.files import read_note_file

        return read_note_file(path, vault.settings.max_file_size).text

    def open_document(self, uri: str) -> Document | None:
        """The editor's copy of a document, or None when it is not open."""
        return self.documents.get(uri)

    def parsed_note(self, located: Located) -> Note:
        """The full parse of a document's text: the one its last check made, for the same
        version of an open document, else a new one (kept, when made on the loop)."""
        if located.version is not None:
            cached = self.diagnostics.cached_parse(located.uri, located.version)
            if cached is not None:
                return cached
            known = self._parsed.get(located.uri)
            if known is not None and known[0] == located.version:
                return known[1]
        note = located.vault.load(located.relative, located.text)
        if located.version is not None and self._on_loop():
            self._parsed[located.uri] = (located.version, note)
        return note

    def _on_loop(self) -> bool:
        try:
            return asyncio.get_running_loop() is self.loop
        except RuntimeError:
            return False

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
        self.relevance.forget(uri)

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
        document = self.documents.by_path(str(vault.root / relative))
        if document is not None:
            return document.text
        return self.disk_text(vault.root / relative, vault)

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
