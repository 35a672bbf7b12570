"""Hovering an acronym that jargon-undefined reports shows where the vault spells it out,
end to end in VS Code's and Neovim's shoes on a copy of the relevance test vault."""

from __future__ import annotations

import asyncio

from lsp_client import diagnostics_for, open_note, uri
from lsprotocol import types
from test_relevance_commands import DRAFT, client, related

__all__ = ["client"]  # the fixture, on the relevance vault

GLOSSARY = "Notes/Glossary.md"
TIMEOUT = 15


async def hover_on(client, note_uri: str, where: types.Range) -> str:
    result = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri), position=where.start
            )
        ),
        TIMEOUT,
    )
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    return result.contents.value


async def jargon_hover(client, text: str) -> str:
    await related(client, DRAFT, limit=1)  # the index is complete
    note_uri = open_note(client, DRAFT, text)
    found = await diagnostics_for(
        client, note_uri, until=lambda found: any(d.code == "jargon-undefined" for d in found)
    )
    jargon = next(d for d in found if d.code == "jargon-undefined")
    return await hover_on(client, note_uri, jargon.range)


def draft_with(client, sentence: str) -> str:
    text = (client.vault / DRAFT).read_text(encoding="utf-8")
    return text.replace("## Conclusion\n", f"## Conclusion\n\n{sentence}\n")


async def test_the_hover_names_the_note_that_spells_the_acronym_out(client):
    # Another note, open in the editor (unsaved), defines it.
    open_note(
        client,
        GLOSSARY,
        "# Glossary\n\nMean reciprocal rank (MRR) rewards the first right answer.\n",
    )
    value = await jargon_hover(client, draft_with(client, "The MRR went up."))
    assert "`jargon-undefined`" in value
    link = uri(client.vault / GLOSSARY).replace(" ", "%20")
    assert f"- [Glossary]({link}): “Mean reciprocal rank (MRR)”" in value


async def test_the_hover_says_when_no_note_spells_it_out(client):
    value = await jargon_hover(client, draft_with(client, "The QPSX went up."))
    assert "No note in the vault spells out **QPSX**." in value
