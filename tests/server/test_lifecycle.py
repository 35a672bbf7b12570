"""Lifecycle: initialize answers, indexing reports progress, diagnostics arrive."""

from __future__ import annotations

from conftest import diagnostics_for, open_note
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
