"""Completion in a draft ranks by the draft's relevance, end to end in VS Code's and Neovim's
shoes on a copy of the relevance test vault: a related note first among equally good
matches after '[[', a tag suggested for the draft before a more used one. Relevance is worked
out in a worker and used once ready, so the tests ask again until it is (bounded)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from lsp_client import open_note
from lsprotocol import types
from test_code_actions import change_document
from test_relevance_commands import DRAFT, client, related

__all__ = ["client"]  # the fixture, on the relevance vault

NOT_A_DRAFT = "Notes/Reading List.md"
TIMEOUT = 15


async def labels_at(client, note_uri: str, line: int, character: int) -> list[str]:
    result = await asyncio.wait_for(
        client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri),
                position=types.Position(line, character),
            )
        ),
        TIMEOUT,
    )
    items = result.items if isinstance(result, types.CompletionList) else result or []
    return [item.label for item in sorted(items, key=lambda item: item.sort_text or "")]


async def labels_once(
    client, relative: str, typed: str, ready: Callable[[list[str]], bool]
) -> list[str]:
    """Open the note with a line of ``typed`` text added at its end, and ask for completion
    at its end until ``ready`` (the draft's relevance arrives after the first request)."""
    await related(client, relative, limit=1)  # the index is complete
    text = (client.vault / relative).read_text(encoding="utf-8").rstrip("\n")
    text += f"\n\n{typed}"
    note_uri = open_note(client, relative, text)
    line = text.count("\n")
    change_document(client, note_uri, 2, text)

    async def until_ready() -> list[str]:
        while True:
            found = await labels_at(client, note_uri, line, len(typed))
            if ready(found):
                return found
            await asyncio.sleep(0.05)

    try:
        return await asyncio.wait_for(until_ready(), TIMEOUT)
    except TimeoutError:
        return await labels_at(client, note_uri, line, len(typed))


async def test_a_related_note_comes_first_among_equal_matches(client):
    # 'Structured Logging' and 'Support Bot Retrieval Evaluation' both start with 's'; the
    # draft is about retrieval.
    first = "Support Bot Retrieval Evaluation"
    found = await labels_once(client, DRAFT, "See [[s", lambda labels: labels[:1] == [first])
    assert found[0] == first
    # Elsewhere the shorter name wins: the order comes from the draft's relevance.
    other = await labels_once(client, NOT_A_DRAFT, "See [[s", lambda labels: bool(labels))
    assert other[0] == "Structured Logging" and first in other


async def test_nothing_typed_after_the_brackets_offers_the_related_notes_first(client):
    expected = [item["target"] for item in await related(client, DRAFT, limit=3)]
    found = await labels_once(client, DRAFT, "See [[", lambda labels: labels[:3] == expected)
    assert found[:3] == expected


async def test_a_tag_suggested_for_the_draft_comes_before_a_more_used_one(client):
    # The vault: 'fine-tuning' and 'inference' on 9 notes each, 'RAG' on 8.
    found = await labels_once(client, DRAFT, "Tagged #", lambda labels: labels[:1] == ["RAG"])
    assert found[0] == "RAG"
    assert found.index("RAG") < found.index("fine-tuning")
    other = await labels_once(client, NOT_A_DRAFT, "Tagged #", lambda labels: bool(labels))
    assert other.index("fine-tuning") < other.index("RAG")
