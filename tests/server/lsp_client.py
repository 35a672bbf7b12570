"""Helpers for end-to-end tests: the real server in a subprocess, driven by pytest-lsp's
client with the capabilities of real editors (VS Code and Neovim)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsp_edits import apply_workspace_edit
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

PROFILES = ["visual_studio_code", "neovim"]


def make_client() -> LanguageClient:
    """pytest-lsp's client, with two things a real editor has: an answer to
    workspace/applyEdit (it applies edits to files on disk, as an editor saves them), and a
    fix for lsprotocol 2025.0.0, which reads any CodeAction carrying a command as a bare
    Command on the client side."""
    client = make_test_lsp_client()
    converter = client.protocol._converter

    def code_action_or_command(value: Any, _: type) -> Any:
        if isinstance(value.get("command"), str):
            return converter.structure(value, types.Command)
        return converter.structure(value, types.CodeAction)

    converter.register_structure_hook(types.Command | types.CodeAction, code_action_or_command)
    client.applied_edits = []  # type: ignore[attr-defined]

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(client: LanguageClient, params: types.ApplyWorkspaceEditParams):
        client.applied_edits.append(params.edit)  # type: ignore[attr-defined]
        try:
            apply_workspace_edit(params.edit, client.encoding)  # type: ignore[attr-defined]
        except OSError as error:
            return types.ApplyWorkspaceEditResult(applied=False, failure_reason=str(error))
        return types.ApplyWorkspaceEditResult(applied=True)

    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    client.diagnostic_versions = {}  # type: ignore[attr-defined]
    client.published = []  # type: ignore[attr-defined]
    client.encoding = "utf-16"  # type: ignore[attr-defined]

    # Remember the version each publishDiagnostics carried (pytest-lsp keeps only the list).
    features = client.protocol.fm.features
    store_diagnostics = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        client.diagnostic_versions[params.uri] = params.version  # type: ignore[attr-defined]
        client.published.append(params)  # type: ignore[attr-defined]
        store_diagnostics(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish_diagnostics
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "blog_lsp"], client_factory=make_client
)


def uri(path: Path) -> str:
    return from_fs_path(str(path))


async def start(
    client: LanguageClient,
    vault: Path,
    profile: str,
    *,
    settings: dict[str, Any] | None = None,
    capabilities: types.ClientCapabilities | None = None,
) -> types.InitializeResult:
    client.vault = vault  # type: ignore[attr-defined]
    client.profile = profile  # type: ignore[attr-defined]
    if settings is not None:
        client.set_configuration(settings, section="blogLsp")
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities or client_capabilities(profile),
            root_uri=uri(vault),
            workspace_folders=[types.WorkspaceFolder(uri=uri(vault), name="vault")],
        )
    )
    client.encoding = str(result.capabilities.position_encoding or "utf-16")  # type: ignore[attr-defined]
    return result


def open_note(client: LanguageClient, relative: str, text: str | None = None) -> str:
    """Open a note of the client's vault in the 'editor'; returns its URI."""
    path = client.vault / relative  # type: ignore[attr-defined]
    if text is None:
        text = path.read_text(encoding="utf-8")
    note_uri = uri(path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=note_uri, language_id="markdown", version=1, text=text)
        )
    )
    return note_uri


async def diagnostics_for(
    client: LanguageClient,
    note_uri: str,
    *,
    version: int | None = None,
    until: Callable[[list[types.Diagnostic]], bool] | None = None,
    timeout: float = 15,
) -> list[types.Diagnostic]:
    """Wait until diagnostics for the document arrive: at ``version`` if given, and passing
    ``until`` if given (the first ones come before the vault is indexed, without link
    findings; the full set follows when the index is complete)."""

    async def arrived() -> list[types.Diagnostic]:
        while True:
            found = client.diagnostics.get(note_uri)
            if (
                found is not None
                and (version is None or client.diagnostic_versions.get(note_uri) == version)
                and (until is None or until(found))
            ):
                return found
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(arrived(), timeout)


def can_create_files(client: LanguageClient) -> bool:
    """Whether the client applies edits that create files (VS Code and Neovim list 'create'
    among their resource operations)."""
    workspace = client.capabilities.workspace if client.capabilities else None
    edits = workspace.workspace_edit if workspace else None
    return bool(edits and types.ResourceOperationKind.Create in (edits.resource_operations or []))


def created_files(client: LanguageClient) -> list[types.CreateFile]:
    """The files the server asked the client to create in the edits it sent."""
    return [
        change
        for edit in client.applied_edits  # type: ignore[attr-defined]
        for change in edit.document_changes or []
        if isinstance(change, types.CreateFile)
    ]
