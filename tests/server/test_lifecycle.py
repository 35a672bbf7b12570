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


def test_requests_before_initialize_are_refused_as_the_protocol_says(example_vault):
    """LSP: before `initialize`, a request gets ServerNotInitialized (-32002) and a
    notification is dropped; the server then initialises as usual."""
    client = RawClient(cwd=example_vault)
    try:
        reply = client.request("textDocument/hover", _hover_params(example_vault))
        assert reply["error"]["code"] == -32002, reply
        client.notify("textDocument/didOpen", _open_params(example_vault))
        reply = client.initialize(example_vault)
        assert reply["result"]["serverInfo"]["name"] == "blog-lsp"
        # The didOpen before initialize was dropped: the note is not open, so no diagnostics
        # are published for it; a request now runs.
        reply = client.request("textDocument/hover", _hover_params(example_vault))
        assert "error" not in reply, reply
    finally:
        client.close()


def test_a_request_after_shutdown_gets_invalid_request(example_vault):
    client = RawClient(cwd=example_vault)
    try:
        client.initialize(example_vault)
        assert "error" not in client.request("shutdown", None)
        client.notify("textDocument/didOpen", _open_params(example_vault))
        reply = client.request("textDocument/hover", _hover_params(example_vault))
        assert reply["error"]["code"] == -32600, reply
        client.notify("exit", None)
        assert client.process.wait(timeout=10) == 0
    finally:
        client.close()


def test_a_uri_with_an_encoded_nul_byte_is_no_note(example_vault, tmp_path):
    """A path cannot hold NUL: requests about such a URI answer nothing, without an error
    trace, and the server carries on."""
    log = tmp_path / "server.log"
    client = RawClient(cwd=example_vault, log=log)
    try:
        client.initialize(example_vault)
        bad = (example_vault / "Notes").as_uri() + "/a%00b.md"
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": bad, "languageId": "markdown", "version": 1, "text": "x"}},
        )
        for method in ("textDocument/hover", "textDocument/completion"):
            params = {"textDocument": {"uri": bad}, "position": {"line": 0, "character": 0}}
            reply = client.request(method, params)
            assert reply.get("result") is None and "error" not in reply, reply
        client.notify("textDocument/didClose", {"textDocument": {"uri": bad}})
        assert client.request("shutdown", None)["result"] is None
    finally:
        client.close()
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


def _open_params(vault) -> dict:
    path = vault / BROKEN
    return {
        "textDocument": {
            "uri": path.as_uri(),
            "languageId": "markdown",
            "version": 1,
            "text": path.read_text(encoding="utf-8"),
        }
    }


def _hover_params(vault) -> dict:
    uri = (vault / BROKEN).as_uri()
    return {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
