"""Watch the vault for changes when the client cannot (Neovim 0.11 on Linux registers no
file watchers dynamically): poll modification times in a thread and report what changed."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from blog_lsp.server.server import BlogLanguageServer

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0


class PollingWatcher:
    def __init__(self, ls: BlogLanguageServer, interval: float = POLL_SECONDS) -> None:
        self.ls = ls
        self.interval = interval
        self._stop = threading.Event()
        self._seen: dict[Path, float] = {}
        self._thread = threading.Thread(target=self._run, name="blog-lsp-watcher", daemon=True)

    def start(self) -> None:
        self._seen = self._snapshot()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _snapshot(self) -> dict[Path, float]:
        from blog_lsp.settings import CONFIG_FILENAME

        seen: dict[Path, float] = {}
        for state in list(self.ls.vaults.values()):
            vault = state.vault
            files = [absolute for relative, absolute in vault.walk() if relative.endswith(".md")]
            files.append(vault.root / CONFIG_FILENAME)
            for path in files:
                try:
                    seen[path] = path.stat().st_mtime
                except OSError:
                    continue
        return seen

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                current = self._snapshot()
            except Exception:
                log.exception("watching the vault failed")
                continue
            changes: list[tuple[Path, types.FileChangeType]] = []
            for path, mtime in current.items():
                before = self._seen.get(path)
                if before is None:
                    changes.append((path, types.FileChangeType.Created))
                elif before != mtime:
                    changes.append((path, types.FileChangeType.Changed))
            changes.extend(
                (path, types.FileChangeType.Deleted) for path in self._seen if path not in current
            )
            self._seen = current
            if changes and self.ls.loop is not None:
                from blog_lsp.server.lifecycle import apply_file_changes

                self.ls.loop.call_soon_threadsafe(apply_file_changes, self.ls, changes)
