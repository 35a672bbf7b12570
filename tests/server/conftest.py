"""End-to-end fixture: the real server on a copy of examples/vault, once per editor profile."""

from __future__ import annotations

from pathlib import Path

import pytest_lsp
from lsp_client import PROFILES, SERVER, start
from pytest_lsp import LanguageClient


@pytest_lsp.fixture(config=SERVER, params=PROFILES)
async def client(lsp_client: LanguageClient, request, example_vault: Path):
    await start(lsp_client, example_vault, request.param)
    yield
    await lsp_client.shutdown_session()
