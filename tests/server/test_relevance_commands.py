"""blog-lsp.relatedNotes and blog-lsp.suggestTags end to end, in VS Code's and Neovim's
shoes, on a copy of the relevance test vault: the draft's topic first, its unsaved text and
other notes' changes followed as they happen, bad arguments refused."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsp_client import PROFILES, SERVER, open_note, start, uri
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient
from test_code_actions import change_document

VAULT = Path(__file__).resolve().parents[1] / "relevance" / "vault"
DRAFT = "Tweets/Why Your Retriever Needs a Reranker.md"
RAG_NOTES = {
    "Notes/RAG/Rerankers.md",
    "Notes/RAG/Hybrid Search with BM25.md",
    "Notes/RAG/Vector Databases.md",
    "Notes/RAG/Text Embeddings.md",
    "Projects/Support Bot Retrieval Evaluation.md",
    "Notes/RAG/Retrieval-Augmented Generation.md",
    "Notes/RAG/Chunking Strategies.md",
    "Tweets/Building a RAG Pipeline That Cites Its Sources.md",
}
TIMEOUT = 20
INVALID_PARAMS = -32602


@pytest_lsp.fixture(config=SERVER, params=PROFILES)
async def client(lsp_client: LanguageClient, request, tmp_path: Path):
    vault = tmp_path / "vault"
    shutil.copytree(VAULT, vault)
    lsp_client.initialize_result = await start(  # type: ignore[attr-defined]
        lsp_client, vault, request.param
    )
    yield
    await lsp_client.shutdown_session()


async def run(client: LanguageClient, command: str, arguments: list[Any] | None) -> Any:
    return await asyncio.wait_for(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command, arguments=arguments)
        ),
        TIMEOUT,
    )


async def related(client: LanguageClient, relative: str, **options: Any) -> list[dict]:
    found = await run(
        client, "blog-lsp.relatedNotes", [{"uri": uri(client.vault / relative), **options}]
    )
    assert isinstance(found, list)
    return found


async def test_the_server_declares_both_commands(client):
    capabilities = client.initialize_result.capabilities  # type: ignore[attr-defined]
    commands = capabilities.execute_command_provider.commands
    assert {"blog-lsp.relatedNotes", "blog-lsp.suggestTags"} <= set(commands)


async def test_related_notes_of_a_draft_are_on_its_topic(client):
    found = await related(client, DRAFT, limit=5)
    assert len(found) == 5
    assert all(item.keys() == {"target", "path", "title", "score", "why"} for item in found)
    assert sum(item["path"] in RAG_NOTES for item in found[:3]) >= 2
    assert [item["score"] for item in found] == sorted(
        (item["score"] for item in found), reverse=True
    )
    rerankers = next(item for item in found if item["path"] == "Notes/RAG/Rerankers.md")
    assert rerankers["target"] == "Rerankers" and rerankers["title"] == "Rerankers"
    assert "shared words" in rerankers["why"]
    assert DRAFT not in {item["path"] for item in found}
    assert len(await related(client, DRAFT)) == 10  # the default limit


async def test_related_notes_follow_the_unsaved_text_and_other_notes_changes(client):
    note_uri = open_note(client, DRAFT)
    text = (client.vault / DRAFT).read_text(encoding="utf-8")
    # The writer turns the draft into one about Spark: its related notes follow at once.
    spark = (
        "# Why Your Retriever Needs a Reranker\n\nOr rather: Spark partitions, shuffles and "
        "skewed joins. Repartition the executors' partitions before the shuffle.\n"
    )
    change_document(client, note_uri, 2, spark)
    found = await related(client, DRAFT, limit=3)
    assert found[0]["path"] == "Notes/Data/Apache Spark Partitioning.md"

    # Another note, open and edited, becomes about rerankers: the draft's related notes find
    # it, through the index's change (no file is saved).
    other = "Notes/Reading List.md"
    other_uri = open_note(client, other)
    change_document(client, note_uri, 3, text)
    change_document(
        client,
        other_uri,
        2,
        "# Reading List\n\nCross-encoder rerankers rerank retrieved passages: a reranker "
        "scores each query and passage, and a retriever with a reranker ranks better.\n",
    )
    found = await related(client, DRAFT, limit=3)
    assert other in {item["path"] for item in found}


async def test_suggested_tags_leave_out_the_drafts_own(client):
    found = await run(
        client, "blog-lsp.suggestTags", [{"uri": uri(client.vault / DRAFT), "limit": 4}]
    )
    assert 1 <= len(found) <= 4
    assert all(item.keys() == {"tag", "score", "source"} for item in found)
    assert found[0]["tag"] == "RAG" and found[0]["source"] == "vault"
    assert not {"blog", "search"} & {item["tag"] for item in found}
    assert {item["source"] for item in found} <= {"vault", "spec"}


def bad_arguments(vault: Path) -> list[tuple[list[Any] | None, str]]:
    draft = uri(vault / DRAFT)
    return [
        (None, "takes one argument"),
        ([], "takes one argument"),
        (["text"], "takes one argument"),
        ([{"uri": draft}, {}], "takes one argument"),
        ([{}], "needs 'uri'"),
        ([{"uri": 42}], "'uri' must be"),
        ([{"uri": draft, "limit": "3"}], "'limit' must be a whole number from 1 to 100"),
        ([{"uri": draft, "limit": True}], "'limit' must be"),
        ([{"uri": draft, "limit": 0}], "'limit' must be a whole number from 1 to 100"),
        ([{"uri": draft, "limit": 101}], "'limit' must be"),
        ([{"uri": draft, "limit": 2.5}], "'limit' must be"),
        ([{"uri": draft, "colour": "red"}], "does not know the argument 'colour'"),
        ([{"uri": "untitled:Untitled-1"}], "must be a file URI"),
        ([{"uri": uri(vault.parent / "elsewhere" / "Note.md")}], "a file in an open vault"),
        ([{"uri": uri(vault / "Notes" / "Missing.md")}], "a Markdown note that can be read"),
        ([{"uri": uri(vault / ".obsidian" / "app.json")}], "a Markdown note that can be read"),
    ]


@pytest.mark.parametrize("command", ["blog-lsp.relatedNotes", "blog-lsp.suggestTags"])
async def test_bad_arguments_get_invalid_params_and_the_server_goes_on(client, command):
    for arguments, expected in bad_arguments(client.vault):
        with pytest.raises(JsonRpcException) as caught:
            await run(client, command, arguments)
        message = f"{caught.value.code} {caught.value.message}"
        assert message.startswith(f"{INVALID_PARAMS} "), (arguments, message)
        assert expected in message, (arguments, message)
    assert await run(client, command, [{"uri": uri(client.vault / DRAFT), "limit": 1}])
