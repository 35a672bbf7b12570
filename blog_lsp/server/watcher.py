"""Watch the vaults when the client cannot (Neovim 0.11 on Linux registers no file watchers).

``watchfiles`` asks the operating system (inotify, FSEvents, ReadDirectoryChangesW, through the
Rust notify library) and waits in Rust, without the interpreter: an idle vault costs nothing.
Where the system refuses (no inotify watches left, a network file system), it polls, in Rust
too, and says so once. Changes go to the event loop, which filters them as the scan does
(:meth:`Vault.accepts`) and indexes them.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blog_lsp.server.server import BlogLanguageServer
    from blog_lsp.server.vaults import VaultState

log = logging.getLogger(__name__)

# How long a burst of changes is gathered before it is reported, and how often the watch
# looks at its stop signal (in Rust; the interpreter is woken only then).
DEBOUNCE_MS = 150
STEP_MS = 100
POLL_DELAY_MS = 1000
VERIFY_DELAY = 0.3  # seconds for the system's watch to be set up
# Folders whose changes never matter (the scan skips them): dropped before they reach Python
# code on the loop.
_NOISE = ("/.git/", "/node_modules/", "/.obsidian/", "/.trash/")
# What the notify library says when the system will not watch more (inotify's limits).
_CANNOT_WATCH = ("limit", "No space left", "Too many open files", "inotify")


class VaultWatcher:
    def __init__(self, ls: BlogLanguageServer) -> None:
        self.ls = ls
        self._stop = threading.Event()
        self._restart = threading.Event()
        self._thread = threading.Thread(target=self._run, name="blog-lsp-watcher", daemon=True)
        self.polling = False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._restart.set()

    def refresh(self) -> None:
        """The set of folders to watch changed (a vault was opened): watch them all."""
        self._restart.set()

    def _folders(self) -> list[Path]:
        from blog_lsp.checks import word_list_paths

        folders: set[Path] = set()
        for state in self.ls.all_states():
            if state.stray or not state.complete:
                continue
            folders.add(state.root)
            for word_list in word_list_paths(state.root, state.vault.settings):
                if word_list.parent.is_dir():
                    folders.add(word_list.parent)
        # A folder inside another one is watched with it.
        return sorted(f for f in folders if not any(o in f.parents for o in folders))

    def _run(self) -> None:
        import watchfiles

        while not self._stop.is_set():
            self._restart.clear()
            folders = self._folders()
            if not folders:
                self._restart.wait()
                continue
            self._verify_soon()
            try:
                for changes in watchfiles.watch(
                    *folders,
                    watch_filter=_wanted,
                    debounce=DEBOUNCE_MS,
                    step=STEP_MS,
                    stop_event=self._restart,
                    force_polling=True if self.polling else None,
                    poll_delay_ms=POLL_DELAY_MS,
                    raise_interrupt=False,
                    ignore_permission_denied=True,
                ):
                    self._report({Path(path) for _, path in changes})
            except Exception as error:
                self._failed(error)

    def _failed(self, error: Exception) -> None:
        """The watch stopped. Where the system cannot watch (no inotify watches left), poll;
        otherwise (a file name that is not UTF-8 changed, say) watch again, and scan the vaults
        again, since the changes reported with it are lost."""
        message = str(error)
        if not self.polling and any(sign in message for sign in _CANNOT_WATCH):
            log.warning("cannot watch the vaults (%s): polling them instead", message)
            self.polling = True
            return
        log.warning("watching the vaults stopped (%s): watching them again", message)
        self._stop.wait(1)  # and not in a tight loop, whatever happens

    def _verify_soon(self) -> None:
        """Changes made while nothing watched (before the watch began, or while it was
        down) are found by comparing each file's stamp with the index's, shortly after the
        watch is set up."""
        loop = self.ls.loop
        if loop is not None and not self._stop.is_set():
            loop.call_soon_threadsafe(loop.call_later, VERIFY_DELAY, self._verify)

    def _verify(self) -> None:
        for state in self.ls.all_states():
            if not state.stray and state.complete:
                self.ls.spawn(_verify_state(self.ls, state), f"verify {state.root}")

    def _report(self, paths: set[Path]) -> None:
        loop = self.ls.loop
        if loop is None or self._stop.is_set():
            return
        from blog_lsp.server.lifecycle import apply_file_changes

        loop.call_soon_threadsafe(apply_file_changes, self.ls, sorted(paths))


def _wanted(_change: object, path: str) -> bool:
    normal = path.replace("\\", "/")
    return not any(noise in normal for noise in _NOISE)


async def _verify_state(ls: BlogLanguageServer, state: VaultState) -> None:
    changed = await ls.run_in_worker(state.vault.changed_on_disk)
    if changed:
        log.info("%d files changed while the vault was not watched", len(changed))
    for relative in changed:
        state.indexer.path_changed(relative)
