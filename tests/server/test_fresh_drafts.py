"""A new draft passes its own checks but for what is still to be written, however it was made:
`blog-lsp new`, the command blog-lsp.newDraft, the code action "New blog draft from the
selection". Each is made in a copy of examples/vault and checked as `blog-lsp check` would.

Before: each of them had an error, frontmatter-field-missing, for a description the writer was
never asked for. Now a draft without one says 'TODO: ...' in its place, and gets the one
finding that asks for it (seo-description-placeholder); the sections the template leaves to
write get no more than one finding each.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import Any

from lsp_client import open_note, uri
from lsprotocol import types
from pygls.uris import to_fs_path
from pytest_lsp import LanguageClient

from blog_lsp.checks import CheckContext, check_note
from blog_lsp.cli import main
from blog_lsp.findings import Finding
from blog_lsp.vault.vault import Vault

TIMEOUT = 15
TITLE = "Caching Embeddings for Faster RAG"
# All a new draft may be told: the content still to be written.
NO_DESCRIPTION = ["seo-description-placeholder", "structure-related"]
WITH_DESCRIPTION = ["structure-related"]


def findings(draft: Path) -> list[Finding]:
    """The draft's findings, as `blog-lsp check` would give them (the whole vault around it)."""
    vault = Vault.open(draft.parent)
    return check_note(vault.load(vault.relative(draft)), CheckContext(vault))


def assert_starts_right(draft: Path, expected: list[str]) -> None:
    found = findings(draft)
    assert sorted(item.code for item in found) == expected, [item.message for item in found]
    # One thing to do on each line: never a cascade about the same missing text.
    lines = Counter(item.range.start.line for item in found)
    assert max(lines.values(), default=0) <= 1, found


async def execute(client: LanguageClient, command: str, argument: dict[str, Any]) -> Any:
    return await asyncio.wait_for(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command, arguments=[argument])
        ),
        TIMEOUT,
    )


def test_a_draft_from_blog_lsp_new(example_vault: Path, capsys) -> None:
    assert main(["new", TITLE, "--vault", str(example_vault), "--tag", "RAG"]) == 0
    assert_starts_right(Path(capsys.readouterr().out.strip()), NO_DESCRIPTION)

    description = "Learn how caching embeddings makes retrieval for RAG faster and cheaper."
    other = "Batching Embeddings for Faster Indexing"
    assert main(["new", other, "--vault", str(example_vault), "--description", description]) == 0
    assert_starts_right(Path(capsys.readouterr().out.strip()), WITH_DESCRIPTION)


async def test_a_draft_from_the_new_draft_command(client):
    result = await execute(client, "blog-lsp.newDraft", {"title": TITLE, "tags": ["RAG"]})
    assert_starts_right(Path(to_fs_path(result)), NO_DESCRIPTION)

    # The editors ask for the description: given, nothing is left about it.
    description = "Learn how batching embeddings makes indexing a large vault of notes faster."
    result = await execute(
        client,
        "blog-lsp.newDraft",
        {"title": "Batching Embeddings for Faster Indexing", "description": description},
    )
    assert_starts_right(Path(to_fs_path(result)), WITH_DESCRIPTION)


async def test_a_draft_from_the_selection(client):
    ideas = "Notes/Ideas.md"
    text = f"# Ideas\n\nNext post: {TITLE}, maybe.\n"
    (client.vault / ideas).write_text(text, encoding="utf-8")
    note_uri = open_note(client, ideas)
    start = text.splitlines()[2].index(TITLE)
    where = types.Range(types.Position(2, start), types.Position(2, start + len(TITLE)))

    async def offered() -> list[types.CodeAction]:
        while True:  # the action waits for the whole index (near-duplicates)
            result = await client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=note_uri),
                    range=where,
                    context=types.CodeActionContext(diagnostics=[], only=["refactor"]),
                )
            )
            if result:
                return result  # type: ignore[return-value]
            await asyncio.sleep(0.05)

    (action,) = await asyncio.wait_for(offered(), TIMEOUT)
    assert action.command is not None
    result = await execute(client, action.command.command, action.command.arguments[0])
    draft = client.vault / "Tweets" / f"{TITLE}.md"
    assert result == uri(draft)
    assert_starts_right(draft, NO_DESCRIPTION)
