"""The vaults the editor works in, and the one writer of each vault's index.

Each vault has one :class:`VaultState`, owned by the event loop: only code running on the loop
changes it. Its ``vault`` is an immutable value (see :class:`blog_lsp.vault.vault.Vault`),
replaced whole: a worker handed ``state.vault`` keeps a consistent vault, whatever changes
meanwhile. Workers compute (a scan, the parse of a changed note) and hand the result back;
the :class:`Indexer` applies it on the loop.

- A scan builds a new index aside; the old one keeps answering until the new one, brought up
  to date with what changed while it was built (open documents, file events), is swapped in.
  A new scan supersedes a running one.
- An open document's text, and a file changed on disk, become index entries in a worker,
  one batch at a time; an entry for a document is applied only if the document has not
  changed since, so an older text never replaces a newer one.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blog_lsp.checks import CheckContext, SpellingEngines
    from blog_lsp.server.documents import Document
    from blog_lsp.server.server import BlogLanguageServer
    from blog_lsp.settings import SettingProblem
    from blog_lsp.vault.index import IndexEntry, VaultIndex
    from blog_lsp.vault.scan import ScanReport
    from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)


@dataclass(eq=False)
class VaultState:
    """One vault the editor works in (or one lone note outside any vault, ``stray``)."""

    vault: Vault
    engines: SpellingEngines
    problems: tuple[SettingProblem, ...] = ()
    stray: bool = False
    last_scan: ScanReport | None = None  # what the last scan read and reused
    indexer: Indexer = field(init=False, repr=False)

    @property
    def root(self) -> Path:
        return self.vault.root

    @property
    def complete(self) -> bool:
        return self.vault.complete

    def context(self) -> CheckContext:
        """What the checks of one note share: the vault as it is now, and the engines."""
        from blog_lsp.checks import CheckContext

        return CheckContext(self.vault, self.engines)

    def replace(self, vault: Vault) -> None:
        """Put a new vault value in place (on the event loop only)."""
        self.vault = vault

    def renew_engines(self) -> None:
        """New spelling engines, for new settings or word lists (built again on first use)."""
        from blog_lsp.checks import SpellingEngines

        self.engines = SpellingEngines(self.vault)


@dataclass
class _Scan:
    cancelled: threading.Event = field(default_factory=threading.Event)
    # What changed while the scan ran, in order: ("document", uri) or ("path", relative).
    # It is applied to the new index before that is swapped in.
    touched: list[tuple[str, str]] = field(default_factory=list)


class Indexer:
    """The one writer of a vault's index."""

    def __init__(self, ls: BlogLanguageServer, state: VaultState) -> None:
        self.ls = ls
        self.state = state
        self._scan: _Scan | None = None
        self._pending_documents: set[str] = set()  # URIs of open documents to index again
        self._pending_paths: set[str] = set()  # vault paths to read again from disk
        self._pending_texts: dict[str, str] = {}  # vault paths with a text known (new notes)
        self._updating = False
        self._idle = asyncio.Event()  # no scan, no update running or waiting
        self._idle.set()
        self._updated = asyncio.Event()  # no update running or waiting (a scan may run)
        self._updated.set()
        # Called on the loop after the index changed, with the state and what changed:
        # "scan" (a new index), "files" (files on disk, new notes) or "documents" (open ones).
        self.on_change: list[Callable[[VaultState, str], None]] = []

    # -- what callers ask for --------------------------------------------------------------

    @property
    def scanning(self) -> bool:
        return self._scan is not None

    def rescan(self) -> None:
        """Index the whole vault again (a newer request supersedes a running scan)."""
        if self.state.stray:
            return
        if self._scan is not None:
            self._scan.cancelled.set()
        scan = self._scan = _Scan()
        self._idle.clear()
        self.ls.spawn(self._run_scan(scan), f"scan {self.state.root}")

    def stop(self) -> None:
        """The server is shutting down: a running scan stops at its next check."""
        if self._scan is not None:
            self._scan.cancelled.set()

    def document_changed(self, uri: str) -> None:
        """An open document's text changed (or it opened): index its text."""
        self._pending_documents.add(uri)
        if self._scan is not None:
            self._scan.touched.append(("document", uri))
        self._kick()

    def path_changed(self, relative: str, text: str | None = None) -> None:
        """A file changed on disk (created, changed, deleted), or a note was created with
        ``text`` that may not be on disk yet."""
        if text is not None:
            self._pending_texts[relative] = text
        else:
            self._pending_paths.add(relative)
        if self._scan is not None:
            self._scan.touched.append(("path", relative))
        self._kick()

    async def settled(self) -> None:
        """Wait until every change asked for so far is in the index, a scan included."""
        await self._idle.wait()

    async def updated(self) -> None:
        """Wait until the changes to documents and files asked for so far are in the index
        (a scan may still be running: until it ends, they are in the old index)."""
        await self._updated.wait()

    # -- the work --------------------------------------------------------------------------

    def _kick(self) -> None:
        self._idle.clear()
        self._updated.clear()
        if not self._updating:
            self._updating = True
            self.ls.spawn(self._run_updates(), f"index updates {self.state.root}")

    def _mark_idle(self) -> None:
        if self._updating or self._has_pending():
            return
        self._updated.set()
        if self._scan is None:
            self._idle.set()

    def _has_pending(self) -> bool:
        return bool(self._pending_documents or self._pending_paths or self._pending_texts)

    def _take_batch(self) -> _Batch:
        batch = _Batch.collect(
            self.ls, self.state, self._pending_documents, self._pending_paths, self._pending_texts
        )
        self._pending_documents, self._pending_paths, self._pending_texts = set(), set(), {}
        return batch

    async def _run_updates(self) -> None:
        try:
            while self._has_pending():
                batch = self._take_batch()
                vault = self.state.vault
                entries = await self.ls.run_in_worker(batch.entries, vault)
                applied = self._apply(batch, entries, onto=self.state.vault)
                if applied is not None:
                    self.state.replace(applied)
                    self._changed("files" if batch.paths or batch.texts else "documents")
        finally:
            self._updating = False
            self._mark_idle()

    def _apply(self, batch: _Batch, entries: list[_Computed], onto: Vault) -> Vault | None:
        """The vault with the batch's entries, those still current; documents that changed
        since their entry was computed go back into the queue."""
        vault = onto
        changed = False
        for computed in entries:
            if computed.uri is not None:
                document = self.ls.documents.get(computed.uri)
                if document is None:
                    continue  # closed meanwhile: its close asked for the disk copy
                if document.version != computed.version:
                    self._pending_documents.add(computed.uri)
                    continue
            if computed.entry is None:
                vault = vault.without(computed.relative)
            else:
                vault = vault.with_entry(computed.entry)
            changed = True
        return vault if changed else None

    async def _run_scan(self, scan: _Scan) -> None:
        from blog_lsp.vault.scan import ScanCancelledError, ScanReport

        state = self.state
        progress = await self.ls.progress_begin("Indexing the vault")
        loop = asyncio.get_running_loop()
        first = not state.vault.complete

        started = loop.time()
        # A partial index costs a copy of what is indexed so far, and completion's index is
        # rebuilt from each: they come ever further apart (0.5 s, 1 s, 2 s, ... into the scan),
        # so that a scan of 100,000 notes makes a handful, not fifty.
        next_partial = [started + 0.5]

        def report(seen: int, partial: Callable[[], VaultIndex]) -> None:
            # In a worker: the partial index is a value, handed to the loop as it is.
            index = None
            now = loop.time()
            if first and now >= next_partial[0]:
                index = partial()
                next_partial[0] = now + max(0.5, now - started)
            loop.call_soon_threadsafe(self._progress, scan, progress, seen, index)

        try:
            base = state.vault
            scan_report = ScanReport()
            try:
                scanned = await self.ls.run_in_worker(
                    # Notes are read in processes when there are many: the loop keeps the
                    # interpreter for requests meanwhile.
                    functools.partial(base.scanned, save=False, jobs=os.cpu_count() or 1),
                    report,
                    scan.cancelled.is_set,
                    scan_report,
                )
            except ScanCancelledError:
                log.info("a newer scan of %s superseded this one", state.root)
                return
            if self._scan is not scan:
                return
            # Bring the new index up to date with what changed while it was built: every open
            # document of the vault, every path touched. Then swap it in whole.
            scanned = scanned.with_settings(state.vault.settings, state.vault.setting_problems)
            seen = len(scan.touched)
            touched_paths = {value for kind, value in scan.touched if kind == "path"}
            open_documents = [document.uri for document in self.ls.documents]
            batch = _Batch.collect(self.ls, state, open_documents, touched_paths, {})
            entries = await self.ls.run_in_worker(batch.entries, scanned)
            if self._scan is not scan:
                return
            state.replace(self._apply(batch, entries, onto=scanned) or scanned)
            self._scan = None
            # What changed while the last entries were worked out goes in next, onto the new
            # index (it went into the old one too, which is gone now).
            for kind, value in scan.touched[seen:]:
                (self._pending_documents if kind == "document" else self._pending_paths).add(value)
            log.info(
                "indexed %d notes in %s in %.2f s",
                len(state.vault.notes),
                state.root,
                loop.time() - started,
            )
            state.last_scan = scan_report
            self._changed("scan")
            # The relevance engine's term index is built on first search: build it now, in a
            # worker, rather than in the scan (the index is complete sooner) or on a request.
            relevance = state.vault.index.relevance
            self.ls.spawn(self.ls.run_in_worker(lambda: relevance.base), f"term index {state.root}")
            if scan_report.changed:
                # Written after the swap: the writer has the new index at once.
                self.ls.spawn(self.ls.run_in_worker(scanned.save_cache), f"cache {state.root}")
        finally:
            if self._scan is scan:
                self._scan = None
            self.ls.progress_end(progress, f"{len(state.vault.notes):,} notes")
            if self._has_pending():
                self._kick()
            self._mark_idle()

    def _progress(self, scan: _Scan, token: str | None, seen: int, partial: Any) -> None:
        if self._scan is not scan:
            return
        self.ls.progress_report(token, f"{seen:,} files")
        if partial is not None and not self.state.vault.complete:
            # A first scan: answer completion from what is indexed so far.
            self.state.replace(self.state.vault.with_index(partial))

    def _changed(self, kind: str) -> None:
        for listener in self.on_change:
            try:
                listener(self.state, kind)
            except Exception:
                log.exception("a listener of index changes failed")


@dataclass(frozen=True)
class _Computed:
    """An index entry worked out in a worker; ``entry`` None means: not in the vault."""

    relative: str
    entry: IndexEntry | None
    uri: str | None = None  # for an open document: which, and at which version
    version: int | None = None


@dataclass(frozen=True)
class _Batch:
    """Changes to index, taken on the loop (texts and versions of open documents at that
    moment) and worked out in a worker by :meth:`entries`."""

    documents: tuple[tuple[str, str, int | None, str], ...]  # (relative, text, version, uri)
    texts: tuple[tuple[str, str], ...]  # (relative, text)
    paths: tuple[str, ...]  # read from disk

    @classmethod
    def collect(
        cls,
        ls: BlogLanguageServer,
        state: VaultState,
        uris: Iterable[str],
        paths: Iterable[str],
        texts: dict[str, str],
    ) -> _Batch:
        documents: list[tuple[str, str, int | None, str]] = []
        for uri in uris:
            document: Document | None = ls.documents.get(uri)
            found = ls.find_state(uri)
            if document is None or found is None or found[0] is not state:
                continue
            documents.append((found[1], document.text, document.version, uri))
        root = state.root
        return cls(
            tuple(documents),
            tuple((relative, text) for relative, text in texts.items()),
            # The editor's text wins over the disk while a note is open.
            tuple(
                p for p in paths if p not in texts and ls.documents.by_path(str(root / p)) is None
            ),
        )

    def entries(self, vault: Vault) -> list[_Computed]:
        found = [
            _Computed(relative, vault.entry_from_text(relative, text), uri, version)
            for relative, text, version, uri in self.documents
        ]
        found.extend(
            _Computed(relative, vault.entry_from_text(relative, text))
            for relative, text in self.texts
        )
        for relative in self.paths:
            found.extend(_path_entries(vault, relative))
        return found


def _path_entries(vault: Vault, relative: str) -> list[_Computed]:
    """The entries for a path that changed on disk: a file, or a folder that came (moved in)
    or went (deleted, moved out), whose files file events do not always name one by one."""
    absolute = vault.absolute(relative)
    index = vault.index
    if absolute.is_dir():
        seen = {path for path, _ in vault.walk(under=relative)}
        found = [_Computed(path, vault.entry_from_disk(path)) for path in sorted(seen)]
    elif os.path.lexists(absolute) or any(
        relative in table for table in (index.notes, index.attachments, index.skipped)
    ):
        return [_Computed(relative, vault.entry_from_disk(relative))]
    else:
        seen, found = set(), []
    prefix = relative + "/"
    for table in (index.notes, index.attachments, index.skipped):
        found.extend(
            _Computed(path, None) for path in table if path.startswith(prefix) and path not in seen
        )
    return found
