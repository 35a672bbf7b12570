"""Diagnostics: every finding of the checks, pushed for open notes.

Checks run off the event loop, debounced per document: each change restarts a short timer, and
a result is published only if the document has not changed since its check began, with the
version it was computed for. Stale results are dropped, never shown.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from lsprotocol import types

from blog_lsp.findings import Finding, Severity
from blog_lsp.server.server import BlogLanguageServer, Located, is_note_uri

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.2
SOURCE = "blog-lsp"

LSP_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


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


def check_document(ls: BlogLanguageServer, located: Located) -> list[types.Diagnostic]:
    """Run every check on a document's text (in a worker thread)."""
    from blog_lsp.checks import check_note

    note = ls.parsed_note(located)
    context = located.state.context
    context.vault_ready = located.state.indexed.is_set()
    return [to_diagnostic(ls, note, item) for item in check_note(note, context)]


class DiagnosticsScheduler:
    def __init__(self, ls: BlogLanguageServer, delay: float = DEBOUNCE_SECONDS) -> None:
        self.ls = ls
        self.delay = delay
        self._pending: dict[str, asyncio.Task[None]] = {}

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Check a document after the debounce delay, replacing any check not yet published."""
        if not is_note_uri(uri):
            return
        previous = self._pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        wait = self.delay if delay is None else delay
        self._pending[uri] = asyncio.get_running_loop().create_task(self._run(uri, wait))

    def schedule_all(self) -> None:
        """Check every open note again (a note appeared or went, the settings changed...)."""
        for document in self.ls.documents:
            self.schedule(document.uri, delay=0)

    def clear(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
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
            version, text = document.version, document.source
            located = self.ls.locate(uri)
            if located is None:
                return
            located = Located(located.state, located.relative, uri, text)
            loop = asyncio.get_running_loop()
            diagnostics = await loop.run_in_executor(
                self.ls.executor, check_document, self.ls, located
            )
            current = self.ls.open_document(uri)
            if current is None or current.version != version or current.source != text:
                return  # the document changed meanwhile: a newer check is on its way
            self.ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
            )
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("checking %s failed", uri)
        finally:
            if self._pending.get(uri) is asyncio.current_task():
                del self._pending[uri]


def register(server: BlogLanguageServer) -> None:
    server.diagnostics = DiagnosticsScheduler(server)
