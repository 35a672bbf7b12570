"""End-to-end fixture: the real server on a copy of examples/vault, once per editor profile."""

from __future__ import annotations

from pathlib import Path

import pytest_lsp
from lsp_client import PROFILES, SERVER, start
from pytest_lsp import LanguageClient, client_capabilities


@pytest_lsp.fixture(config=SERVER, params=PROFILES)
async def client(lsp_client: LanguageClient, request, example_vault: Path):
    await start(lsp_client, example_vault, request.param)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def no_file_operations(lsp_client: LanguageClient, example_vault: Path):
    """VS Code's capabilities without resource operations: no file can be created or renamed
    in an edit, so the server must write files itself or refuse clearly."""
    capabilities = client_capabilities("visual_studio_code")
    capabilities.workspace.workspace_edit.resource_operations = None  # type: ignore[union-attr]
    lsp_client.initialize_result = await start(  # type: ignore[attr-defined]
        lsp_client, example_vault, "visual_studio_code", capabilities=capabilities
    )
    yield
    await lsp_client.shutdown_session()
