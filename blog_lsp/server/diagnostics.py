"""Diagnostics: every finding of the checks, pushed for open notes.

Checks run off the event loop, debounced per document: each change restarts a short timer, and
a result is published only if the document has not changed since its check began, with the
version it was computed for. Stale results are dropped, never shown.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from blog_lsp.findings import Finding, Severity
from blog_lsp.server.documents import document_key
from blog_lsp.vault.model import NOTE_SUFFIX

if TYPE_CHECKING:
    from blog_lsp.server.server import BlogLanguageServer, Located
    from blog_lsp.vault.model import Note

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.2
SOURCE = "blog-lsp"

LSP_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def is_note_uri(uri: str) -> bool:
    """Whether a URI names a note (a Markdown file), the only documents blog-lsp reads."""
    return uri.lower().endswith(NOTE_SUFFIX)


def to_diagnostic(ls: BlogLanguageServer, note: Any, item: Finding) -> types.Diagnostic:
    """A finding as an LSP diagnostic; ``data`` carries what the quick fix needs."""
    return types.Diagnostic(
        range=ls.to_client_range(note, item.range),
        message=item.message,
        severity=LSP_SEVERITY[item.severity],
        code=item.code,
        source=SOURCE,
        data={"fix": item.fix, **item.data},
    )


@dataclass(frozen=True)
class Checked:
    """The checks of one version of a document: its full parse, the findings and the
    diagnostics made from them. Diagnostics, code actions and hover share it."""

    version: int | None
    key: tuple[int, int]  # the vault state's generation and engines it was checked with
    note: Note
    findings: list[Finding]
    diagnostics: list[types.Diagnostic]


def check_located(ls: BlogLanguageServer, located: Located) -> Checked:
    """Run every check on a document's text (in a worker: reads only snapshots)."""
    from blog_lsp.checks import CheckContext, check_note

    note = ls.parsed_note(located)
    context = CheckContext(located.vault, located.state.engines)
    findings = check_note(note, context)
    return Checked(
        located.version,
        _key(located),
        note,
        findings,
        [to_diagnostic(ls, note, item) for item in findings],
    )


def _key(located: Located) -> tuple[int, int]:
    return (id(located.vault), id(located.state.engines))


class DiagnosticsScheduler:
    """Debounced checks of open documents, and the results of the last check of each."""

    def __init__(self, ls: BlogLanguageServer, delay: float = DEBOUNCE_SECONDS) -> None:
        self.ls = ls
        self.delay = delay
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._checked: dict[str, Checked] = {}  # by document key; changed on the loop only

    # -- the shared results ----------------------------------------------------------------

    def cached(self, uri: str, version: int | None) -> Checked | None:
        """The last check of a document, if it was of this version."""
        checked = self._checked.get(document_key(uri))
        return checked if checked is not None and checked.version == version else None

    def cached_parse(self, uri: str, version: int | None) -> Note | None:
        checked = self.cached(uri, version)
        return checked.note if checked is not None else None

    async def checked(self, located: Located, *, fresh: bool = False) -> Checked:
        """The checks of a document's version: the ones already run for it when there are
        (``fresh``: only when the vault and engines are the same too), else run now."""
        known = self.cached(located.uri, located.version)
        if known is not None and (not fresh or known.key == _key(located)):
            return known
        checked = await self.ls.run_in_worker(check_located, self.ls, located)
        self.ls.checks_run += 1
        if located.version is not None and self.ls.open_document(located.uri) is not None:
            self._checked[document_key(located.uri)] = checked
        return checked

    # -- scheduling --------------------------------------------------------------------

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Check a document after the debounce delay, replacing any check not yet published."""
        if not is_note_uri(uri) or self.ls.shutting_down:
            return
        key = document_key(uri)
        previous = self._pending.pop(key, None)
        if previous is not None:
            previous.cancel()
        wait = self.delay if delay is None else delay
        task = self.ls.spawn(self._run(uri, wait), f"check {uri}")
        if task is not None:
            self._pending[key] = task

    def schedule_all(self) -> None:
        """Check every open note again (a note appeared or went, the settings changed...)."""
        for document in self.ls.documents:
            self.schedule(document.uri, delay=0)

    def clear(self, uri: str) -> None:
        key = document_key(uri)
        pending = self._pending.pop(key, None)
        if pending is not None:
            pending.cancel()
        self._checked.pop(key, None)
        self.ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    async def _run(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            document = self.ls.open_document(uri)
            if document is None:
                return
            located = self.ls.locate(uri)
            if located is None:
                return
            # The index may lag the document by a keystroke: wait until it holds this text,
            # so that the check judges the note against the vault as it now is.
            await located.state.indexer.updated()
            located = self.ls.locate(uri)
            if located is None or located.version != document.version:
                return  # the document changed meanwhile: a newer check is on its way
            checked = await self.checked(located, fresh=True)
            current = self.ls.open_document(uri)
            if current is None or current.version != checked.version:
                return
            self.ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=document.uri, diagnostics=checked.diagnostics, version=checked.version
                )
            )
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("checking %s failed", uri)
        finally:
            key = document_key(uri)
            if self._pending.get(key) is asyncio.current_task():
                del self._pending[key]
