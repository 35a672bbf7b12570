"""Initialisation, settings, file changes (from the client or from our own watcher), shutdown.

Scans and index updates are the vaults' :class:`~blog_lsp.server.vaults.Indexer`'s; this
module says when they are needed.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lsprotocol import types

from blog_lsp.server.documents import fs_path
from blog_lsp.server.features import ClientFeatures
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.server.vaults import VaultState

log = logging.getLogger(__name__)

# Every file: attachments have any name, and the settings and word list are files too. The
# server keeps what the scan would take (Vault.accepts), and the settings files.
WATCH_GLOBS = ("**/*",)
_progress_tokens = itertools.count(1)


def next_progress_token() -> str:
    return f"blog-lsp-progress-{next(_progress_tokens)}"


def register(server: BlogLanguageServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: BlogLanguageServer, params: types.InitializeParams) -> None:
        # Answer at once: no vault work here. pygls has already chosen the position encoding
        # from the client's preferences.
        ls.converter.encoding = str(ls.workspace.position_encoding or "utf-16")
        ls.client = ClientFeatures.of(params.capabilities)
        options = params.initialization_options
        ls.initialization_options = options if isinstance(options, dict) else {}
        roots = [folder.uri for folder in params.workspace_folders or []]
        if not roots and params.root_uri:
            roots = [params.root_uri]
        ls.workspace_roots = [Path(path) for uri in roots if (path := fs_path(uri))]
        ls.loop = asyncio.get_running_loop()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: BlogLanguageServer, params: types.InitializedParams) -> None:
        await _fetch_editor_settings(ls)
        if ls.all_states() and ls.editor_settings:
            reload_settings(ls)  # for vaults opened (by a didOpen) before the settings came
        for root in ls.workspace_roots:
            ls.vault_state_for(root)
        publish_setting_problems(ls)
        await _watch_files(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: BlogLanguageServer, params: types.DidChangeConfigurationParams
    ) -> None:
        settings = params.settings
        if isinstance(settings, dict) and isinstance(settings.get("blogLsp"), dict):
            ls.editor_settings = settings["blogLsp"]
        await _fetch_editor_settings(ls)
        reload_settings(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: BlogLanguageServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        apply_file_changes(
            ls, [Path(path) for change in params.changes if (path := fs_path(change.uri))]
        )

    @server.feature(types.SHUTDOWN)
    async def shutdown(ls: BlogLanguageServer, params: Any) -> None:
        ls.shutting_down = True
        if ls.watcher is not None:
            ls.watcher.stop()
        for state in ls.all_states():
            state.indexer.stop()
        await ls.stop_tasks()
        ls.executor.shutdown(wait=False, cancel_futures=True)


async def _fetch_editor_settings(ls: BlogLanguageServer) -> None:
    """Ask the client for the `blogLsp` section, when it answers workspace/configuration."""
    if not ls.client.configuration:
        return
    try:
        result = await asyncio.wait_for(
            ls.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="blogLsp")])
            ),
            timeout=5,
        )
    except Exception as error:  # a client that fails here still gets a working server
        log.warning("the client did not send its settings: %s", error)
        return
    if result and isinstance(result[0], dict):
        ls.editor_settings = result[0]


def reload_settings(ls: BlogLanguageServer, states: Iterable[VaultState] | None = None) -> None:
    """Read the settings again (the config file and the editor's) for every vault, or the
    ones given; rescan where a setting that changes what a scan finds changed; re-check."""
    for state in list(states if states is not None else ls.all_states()):
        change = state.vault.reload_settings(
            ls.merged_editor_settings(), own_settings=not state.stray
        )
        state.problems = change.vault.setting_problems
        state.replace(change.vault)
        state.renew_engines()
        if change.rescan:
            state.indexer.rescan()
    publish_setting_problems(ls)
    ls.diagnostics.schedule_all()


def publish_setting_problems(ls: BlogLanguageServer) -> None:
    """Settings that were ignored, as config-invalid findings (at the severity the rules
    setting gives, or none when it turns them off): diagnostics on `.blog-lsp.toml`, and a
    message for problems with the editor's own settings (which have no file to point at)."""
    from blog_lsp.checks import setting_findings
    from blog_lsp.server.diagnostics import LSP_SEVERITY, SOURCE
    from blog_lsp.settings import CONFIG_FILENAME

    for state in ls.vaults.values():
        config = state.vault.root / CONFIG_FILENAME
        found = setting_findings(state.problems, state.vault.settings.rules)
        # Problems of the config file go on the file; with no file to point at (the editor's
        # settings, or a folder called .blog-lsp.toml), into a message.
        has_file = config.is_file()
        in_file = [f for f in found if has_file and f.data["source"] == CONFIG_FILENAME]
        elsewhere = [f.message for f in found if f not in in_file]
        if has_file:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=ls.uri_for(state.vault, CONFIG_FILENAME),
                    diagnostics=[
                        types.Diagnostic(
                            # Column 0 of a line: the same in every position encoding.
                            range=types.Range(
                                types.Position(item.range.start.line, 0),
                                types.Position(item.range.start.line, 0),
                            ),
                            message=item.message,
                            severity=LSP_SEVERITY[item.severity],
                            code=item.code,
                            source=SOURCE,
                        )
                        for item in in_file
                    ],
                )
            )
        if elsewhere:
            ls.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Warning,
                    message="blog-lsp ignored some settings: " + "; ".join(elsewhere),
                )
            )


async def _watch_files(ls: BlogLanguageServer) -> None:
    """Have the client tell us about file changes; watch the vaults ourselves if it cannot."""
    if ls.client.watched_files_registration:
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="blog-lsp-watched-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[
                                    types.FileSystemWatcher(glob_pattern=glob)
                                    for glob in WATCH_GLOBS
                                ]
                            ),
                        )
                    ]
                )
            )
            return
        except Exception as error:
            log.info("the client would not watch files (%s): watching them here", error)
    from blog_lsp.server.watcher import VaultWatcher

    ls.watcher = VaultWatcher(ls)
    ls.watcher.start()


def apply_file_changes(ls: BlogLanguageServer, paths: Iterable[Path]) -> None:
    """Files created, changed or deleted on disk: the vaults holding them index them again
    (the settings file and word lists make new settings or spelling engines instead).
    Files in no open vault, and files the scan would not take, are left alone."""
    from blog_lsp.checks import word_list_paths
    from blog_lsp.settings import CONFIG_FILENAME

    reload: list[VaultState] = []
    renew: list[VaultState] = []
    for path in paths:
        for state in ls.all_states():
            lists = {os.path.abspath(p) for p in word_list_paths(state.root, state.vault.settings)}
            if os.path.abspath(path) in lists and state not in renew:
                renew.append(state)
        found = ls.state_holding(path)
        if found is None:
            continue
        state, relative = found
        if relative == CONFIG_FILENAME:
            if state not in reload:
                reload.append(state)
        elif not state.stray and state.vault.accepts(relative):
            state.indexer.path_changed(relative)
    if reload:
        reload_settings(ls, reload)
    for state in renew:
        if state not in reload:
            state.renew_engines()
    if renew:
        ls.diagnostics.schedule_all()
