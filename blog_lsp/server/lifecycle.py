"""Initialisation, background indexing with progress, settings, file changes, shutdown."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from lsprotocol import types

from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.server.documents import fs_path
from blog_lsp.server.server import BlogLanguageServer, VaultState

log = logging.getLogger(__name__)

WATCH_GLOBS = ("**/*.md", "**/.blog-lsp.toml")


def register(server: BlogLanguageServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: BlogLanguageServer, params: types.InitializeParams) -> None:
        # Answer at once: no vault work here. pygls has already chosen the position encoding
        # from the client's preferences.
        ls.converter.encoding = str(ls.workspace.position_encoding or "utf-16")
        options = params.initialization_options
        ls.initialization_options = options if isinstance(options, dict) else {}
        roots = [folder.uri for folder in params.workspace_folders or []]
        if not roots and params.root_uri:
            roots = [params.root_uri]
        ls.workspace_roots = [Path(path) for uri in roots if (path := fs_path(uri))]
        # Set here, not in `initialized`: a document may be opened before that handler runs,
        # and its vault must be indexed all the same.
        loop = ls.loop = asyncio.get_running_loop()
        ls.indexing = lambda state: loop.create_task(_index(ls, state))

    @server.feature(types.INITIALIZED)
    async def initialized(ls: BlogLanguageServer, params: types.InitializedParams) -> None:
        await _fetch_editor_settings(ls)
        if ls.vaults and ls.editor_settings:
            await reload_settings(ls)  # for vaults opened (by a didOpen) before the settings came
        for root in ls.workspace_roots:
            ls.vault_state_for(root)
        await _watch_files(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: BlogLanguageServer, params: types.DidChangeConfigurationParams
    ) -> None:
        settings = params.settings
        if isinstance(settings, dict) and isinstance(settings.get("blogLsp"), dict):
            ls.editor_settings = settings["blogLsp"]
        await _fetch_editor_settings(ls)
        await reload_settings(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: BlogLanguageServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        changes = []
        for change in params.changes:
            path = fs_path(change.uri)
            if path is not None:
                changes.append((Path(path), change.type))
        apply_file_changes(ls, changes)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: BlogLanguageServer, params: Any) -> None:
        if ls.watcher is not None:
            ls.watcher.stop()
        ls.executor.shutdown(wait=False, cancel_futures=True)


async def _fetch_editor_settings(ls: BlogLanguageServer) -> None:
    """Ask the client for the `blogLsp` section, when it answers workspace/configuration."""
    if not ls.client_supports("workspace.configuration"):
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


async def reload_settings(ls: BlogLanguageServer) -> None:
    """Rebuild every vault's settings from its config file and the editor's, and re-check."""
    from blog_lsp import settings as settings_module
    from blog_lsp.checks import CheckContext

    for state in list(ls.vaults.values()):
        vault = state.vault
        config = vault.root / settings_module.CONFIG_FILENAME
        settings, problems = settings_module.load(config, ls.merged_editor_settings())
        rescan = (settings.drafts_folder, settings.ignore, settings.max_file_size) != (
            vault.settings.drafts_folder,
            vault.settings.ignore,
            vault.settings.max_file_size,
        )
        vault.settings = settings
        vault.setting_problems = problems
        state.problems = problems
        state.context = CheckContext(vault)
        if rescan:
            await _index(ls, state)
    publish_setting_problems(ls)
    if ls.diagnostics is not None:
        ls.diagnostics.schedule_all()


def publish_setting_problems(ls: BlogLanguageServer) -> None:
    """Settings that were ignored: as diagnostics on `.blog-lsp.toml`, and a message for
    problems with the editor's own settings (which have no file to point at)."""
    from blog_lsp.settings import CONFIG_FILENAME

    for state in ls.vaults.values():
        config = state.vault.root / CONFIG_FILENAME
        # Problems of the config file go on the file; with no file to point at (the editor's
        # settings, or a folder called .blog-lsp.toml), into a message.
        has_file = config.is_file()
        in_file = [p for p in state.problems if has_file and p.source == CONFIG_FILENAME]
        elsewhere = [p.message for p in state.problems if p not in in_file]
        if has_file:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=ls.uri_for(state.vault, CONFIG_FILENAME),
                    diagnostics=[
                        types.Diagnostic(
                            range=types.Range(
                                types.Position(p.line or 0, 0), types.Position(p.line or 0, 0)
                            ),
                            message=p.message,
                            severity=types.DiagnosticSeverity.Warning,
                            code="config-invalid",
                            source="blog-lsp",
                        )
                        for p in in_file
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


async def _index(ls: BlogLanguageServer, state: VaultState) -> None:
    """Index a vault off the event loop, with $/progress when the client shows it."""
    token: str | None = None
    if ls.client_supports("window.work_done_progress"):
        token = f"blog-lsp-index-{id(state)}"
        try:
            await ls.work_done_progress.create_async(token)
            ls.work_done_progress.begin(
                token,
                types.WorkDoneProgressBegin(
                    title="blog-lsp", message="Indexing the vault", cancellable=False
                ),
            )
        except Exception as error:
            log.info("no progress for indexing: %s", error)
            token = None
    loop = asyncio.get_running_loop()

    def report(seen: int) -> None:
        if token is not None:
            loop.call_soon_threadsafe(
                ls.work_done_progress.report,
                token,
                types.WorkDoneProgressReport(message=f"{seen:,} files"),
            )

    started = loop.time()
    try:
        await loop.run_in_executor(ls.executor, state.vault.scan, report)
    except Exception:
        log.exception("indexing %s failed", state.vault.root)
    # The scan read the disk: put back the unsaved text of documents open in the editor.
    for document in ls.documents:
        located = ls.locate(document.uri)
        if located is not None and located.state is state:
            state.vault.set_note(located.relative, document.source)
    state.indexed.set()
    if token is not None:
        ls.work_done_progress.end(
            token, types.WorkDoneProgressEnd(message=f"{len(state.vault.notes):,} notes")
        )
    log.info(
        "indexed %d notes in %s in %.2f s",
        len(state.vault.notes),
        state.vault.root,
        loop.time() - started,
    )
    publish_setting_problems(ls)
    if ls.diagnostics is not None:
        ls.diagnostics.schedule_all()
    # Typo checks need every word of the vault: gather them now rather than in the first check.
    loop.run_in_executor(ls.executor, state.vault.vocabulary)


async def _watch_files(ls: BlogLanguageServer) -> None:
    """Have the client tell us about file changes; watch the vault ourselves if it cannot."""
    if ls.client_supports("workspace.did_change_watched_files.dynamic_registration"):
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
    from blog_lsp.server.watcher import PollingWatcher

    ls.watcher = PollingWatcher(ls)
    ls.watcher.start()


def apply_file_changes(
    ls: BlogLanguageServer, changes: list[tuple[Path, types.FileChangeType]]
) -> None:
    """Update the index for created, changed and deleted files, then re-check open notes."""
    from blog_lsp.settings import CONFIG_FILENAME

    reload = False
    for path, kind in changes:
        if path.name == CONFIG_FILENAME:
            reload = True
            continue
        if path.suffix.lower() != ".md":
            continue
        state = ls.vault_state_for(path)
        vault = state.vault
        try:
            relative = resolve_folders(path).relative_to(resolve_path(vault.root)).as_posix()
        except ValueError:
            continue
        if kind == types.FileChangeType.Deleted:
            vault.remove_note(relative)
            continue
        if ls.open_document(ls.uri_for(vault, relative)) is not None:
            continue  # the editor's text wins over the disk while the note is open
        if vault.is_ignored(relative) or any(part.startswith(".") for part in relative.split("/")):
            continue
        vault.reindex(relative)
    if reload and ls.loop is not None:
        ls.loop.create_task(reload_settings(ls))
    elif ls.diagnostics is not None:
        ls.diagnostics.schedule_all()
