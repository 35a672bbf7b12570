"""Lifecycle: initialize answers, indexing reports progress, diagnostics arrive."""

from __future__ import annotations

import pytest
from lsp_client import diagnostics_for, open_note
from lsprotocol import types
from raw_client import RawClient

BROKEN = "Tweets/how to optimize rag #2.md"


async def test_diagnostics_for_an_open_draft(client):
    note_uri = open_note(client, BROKEN)
    found = await diagnostics_for(
        client, note_uri, version=1, until=lambda d: any(x.code == "link-unresolved" for x in d)
    )
    codes = {d.code for d in found}
    assert {"british-spelling", "frontmatter-type", "link-unresolved"} <= codes
    spelling = next(d for d in found if d.code == "british-spelling" and "behavior" in d.message)
    assert spelling.source == "blog-lsp"
    assert spelling.severity == types.DiagnosticSeverity.Warning
    assert spelling.data["fix"] == "behaviour"


@pytest.mark.parametrize("argv", [[], ["serve"]])
def test_the_command_serves_lsp_on_stdio(argv, example_vault):
    """`blog-lsp` with no arguments (or `serve`) speaks LSP on stdin/stdout, nothing else."""
    client = RawClient(argv, cwd=example_vault)
    try:
        reply = client.initialize(example_vault)
        assert reply["result"]["serverInfo"]["name"] == "blog-lsp"
    finally:
        client.close()


def test_nonsense_from_a_client_gets_errors_and_the_server_carries_on(example_vault):
    client = RawClient(cwd=example_vault)
    try:
        client.initialize(example_vault)
        for method, params in (
            ("textDocument/hover", {"textDocument": 5, "position": "here"}),
            ("textDocument/completion", None),
            ("textDocument/definition", {"textDocument": {"uri": "file:///nowhere.md"}}),
            ("workspace/executeCommand", {"command": "blog-lsp.newDraft", "arguments": [7]}),
            ("blog-lsp/noSuchMethod", {}),
        ):
            reply = client.request(method, params)
            assert "error" in reply or reply.get("result") is None, (method, reply)
        reply = client.request("shutdown", None)
        assert reply == {"jsonrpc": "2.0", "id": reply["id"], "result": None}
    finally:
        client.close()
