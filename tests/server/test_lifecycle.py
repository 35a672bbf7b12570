"""Lifecycle: initialize answers, indexing reports progress, diagnostics arrive."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from lsp_client import diagnostics_for, open_note
from lsprotocol import types

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
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "rootUri": None, "capabilities": {}},
        }
    ).encode()
    message = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
    process = subprocess.Popen(
        [sys.executable, "-m", "blog_lsp", *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=example_vault,
    )
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(message)
        process.stdin.flush()
        headers = {}
        while (line := process.stdout.readline().strip()) != b"":
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers[b"content-length"])
        reply = json.loads(process.stdout.read(length))
        assert reply["id"] == 1
        assert reply["result"]["serverInfo"]["name"] == "blog-lsp"
    finally:
        process.kill()
        process.wait(timeout=10)
