"""The status workflow end to end, in VS Code's and Neovim's shoes: blog-lsp.setStatus (the
edit applied through the editor, the refusals and their messages, bad arguments) and the
"Mark as review" / "Mark as published" code actions that run it."""

from __future__ import annotations

from typing import Any

import pytest
from lsp_client import diagnostics_for, open_note, uri
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient
from test_code_actions import code_actions, edited, execute, titled, whole
from test_commands import INVALID_PARAMS, REQUEST_FAILED, refused, run

BROKEN = "Tweets/how to optimize rag #2.md"
CLEAN = "Tweets/Understanding KV Caching in Transformers.md"
NOT_A_DRAFT = "Notes/Transformers.md"
SET_STATUS = "blog-lsp.setStatus"
MARKS = ["Mark as review", "Mark as published"]


async def set_status(client: LanguageClient, relative: str, status: str) -> Any:
    return await run(client, SET_STATUS, [{"uri": uri(client.vault / relative), "status": status}])


async def checks_run(client: LanguageClient) -> int:
    result = await run(client, "blog-lsp.status", [{"settle": True}])
    return int(result["checks"])


def marks(actions: list[types.CodeAction]) -> list[types.CodeAction]:
    return [action for action in actions if action.title.startswith("Mark as ")]


# -- blog-lsp.setStatus ------------------------------------------------------------------------


async def test_set_status_to_review_edits_the_open_text(client):
    text = (client.vault / BROKEN).read_text(encoding="utf-8")
    note_uri = open_note(client, BROKEN)

    result = await set_status(client, BROKEN, "review")

    assert result == {"uri": note_uri, "status": "review", "previous": "drafted", "changed": True}
    (edit,) = client.applied_edits
    # Review is allowed with warnings left; only the status changed.
    assert edited(client, edit, note_uri, text) == text.replace("status: drafted", "status: review")
    assert (client.vault / BROKEN).read_text(encoding="utf-8") == text.replace(
        "status: drafted", "status: review"
    )


async def test_set_status_keeps_the_quotes_of_the_unsaved_text(client):
    saved = (client.vault / CLEAN).read_text(encoding="utf-8")
    unsaved = saved.replace("status: draft\n", "status: 'review'\n")
    note_uri = open_note(client, CLEAN, unsaved)
    await diagnostics_for(client, note_uri)

    result = await set_status(client, CLEAN, "Published")

    assert result["status"] == "published" and result["previous"] == "review"
    (edit,) = client.applied_edits
    assert edited(client, edit, note_uri, unsaved) == unsaved.replace(
        "status: 'review'", "status: 'published'"
    )


async def test_a_clean_draft_that_is_not_open_is_published(client):
    path = client.vault / CLEAN
    text = path.read_text(encoding="utf-8")

    result = await set_status(client, CLEAN, "published")

    assert result["changed"] is True and result["previous"] == "draft"
    assert path.read_text(encoding="utf-8") == text.replace("status: draft", "status: published")
    # Already published: nothing to do, nothing sent to the editor.
    edits = len(client.applied_edits)
    open_note(client, CLEAN)
    again = await set_status(client, CLEAN, "published")
    assert again["changed"] is False and len(client.applied_edits) == edits


async def test_publishing_is_refused_with_the_reasons(client):
    path = client.vault / BROKEN
    before = path.read_bytes()
    note_uri = open_note(client, BROKEN)
    await diagnostics_for(
        client, note_uri, until=lambda found: any(d.code == "link-unresolved" for d in found)
    )
    checks = await checks_run(client)

    message = await refused(client, SET_STATUS, [{"uri": uri(path), "status": "published"}])

    assert str(REQUEST_FAILED) in message
    assert "Not marked as published: the draft has 25 warnings to fix first." in message
    assert "Line 1, filename-characters: " in message
    assert message.endswith("; and 22 more.")
    assert client.applied_edits == [] and path.read_bytes() == before
    # The findings were those the diagnostics already had for this version.
    assert await checks_run(client) == checks


async def test_set_status_refuses_bad_arguments_and_notes_that_are_not_drafts(client):
    draft = uri(client.vault / CLEAN)
    message = await refused(client, SET_STATUS, [{"uri": draft, "status": "done"}])
    assert str(INVALID_PARAMS) in message
    assert "'done' is not one of the allowed statuses: draft, review, published" in message

    for arguments, expected in (
        ([{"uri": draft}], "needs 'status'"),
        ([{"uri": draft, "status": "  "}], "'status' must not be blank"),
        ([{"uri": draft, "status": 3}], "'status' must be the status to set"),
        ([{"status": "review"}], "needs 'uri'"),
        ([{"uri": "untitled:Untitled-1", "status": "review"}], "must be a file URI"),
        ([{"uri": uri(client.vault / "attachments/diagram.png"), "status": "review"}], "Markdown"),
    ):
        message = await refused(client, SET_STATUS, arguments)
        assert str(INVALID_PARAMS) in message and expected in message, message

    before = (client.vault / NOT_A_DRAFT).read_bytes()
    message = await refused(
        client, SET_STATUS, [{"uri": uri(client.vault / NOT_A_DRAFT), "status": "review"}]
    )
    assert str(REQUEST_FAILED) in message
    assert f"'{NOT_A_DRAFT}' is not a blog draft" in message
    assert client.applied_edits == []
    assert (client.vault / NOT_A_DRAFT).read_bytes() == before


# -- the code actions ------------------------------------------------------------------------


async def test_mark_as_actions_run_set_status(client):
    text = (client.vault / BROKEN).read_text(encoding="utf-8")
    note_uri = open_note(client, BROKEN)
    await diagnostics_for(client, note_uri)

    actions = await code_actions(client, note_uri, whole(12))

    assert [action.title for action in marks(actions)] == MARKS
    for action in marks(actions):
        assert action.kind == types.CodeActionKind.Source
        assert action.edit is None and action.command is not None
        assert action.command.command == SET_STATUS
    publish = titled(actions, "Mark as published")
    assert list(publish.command.arguments or []) == [{"uri": note_uri, "status": "published"}]  # type: ignore[union-attr]
    # Run by the editor: the refusal comes back as the command's error, with the reasons.
    with pytest.raises(JsonRpcException) as caught:
        await execute(client, publish.command)  # type: ignore[arg-type]
    assert "Not marked as published" in caught.value.message
    assert client.applied_edits == []

    review = titled(actions, "Mark as review")
    assert (await execute(client, review.command))["changed"] is True  # type: ignore[arg-type]
    assert (client.vault / BROKEN).read_text(encoding="utf-8") == text.replace(
        "status: drafted", "status: review"
    )


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        ("draft", MARKS),
        ("review", ["Mark as published"]),
        ("'Review'", ["Mark as published"]),
        ("published", ["Mark as review"]),  # back for another look
    ],
)
async def test_each_mark_is_offered_unless_the_draft_has_that_status(client, status, offered):
    text = (client.vault / CLEAN).read_text(encoding="utf-8")
    note_uri = open_note(client, CLEAN, text.replace("status: draft\n", f"status: {status}\n"))
    await diagnostics_for(client, note_uri)
    checks = await checks_run(client)

    for only in (None, ["source"]):
        actions = await code_actions(client, note_uri, whole(20), only=only)
        assert [action.title for action in marks(actions)] == offered

    # Offering them costs no check of its own: the version's check is shared.
    assert await checks_run(client) == checks


async def test_mark_as_is_not_offered_for_other_kinds_or_notes(client):
    note_uri = open_note(client, BROKEN)
    await diagnostics_for(client, note_uri)
    for only in (["quickfix"], ["refactor"], ["source.fixAll"]):
        assert not marks(await code_actions(client, note_uri, whole(), only=only))

    other_uri = open_note(client, NOT_A_DRAFT)
    await diagnostics_for(client, other_uri)
    assert not marks(await code_actions(client, other_uri, whole()))
