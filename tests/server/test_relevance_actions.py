"""'Add related notes' and 'Add suggested tags' end to end, in VS Code's and Neovim's shoes,
on a copy of the relevance test vault: the edit each makes, where they are offered, and the
quick fix of a missing Related footer."""

from __future__ import annotations

import frontmatter
from lsp_client import diagnostics_for, open_note
from lsprotocol import types
from test_code_actions import change_document, code_actions, edited, whole
from test_relevance_commands import DRAFT, RAG_NOTES, client, related

__all__ = ["client"]  # the fixture, on the relevance vault

REFACTOR = "refactor"


def last_line(text: str) -> int:
    return len(text.splitlines()) - 1


def starting(actions: list[types.CodeAction], title: str) -> types.CodeAction:
    found = [action for action in actions if action.title.startswith(title)]
    assert len(found) == 1, [action.title for action in actions]
    return found[0]


async def footer_actions(client, note_uri: str, text: str) -> list[types.CodeAction]:
    return await code_actions(client, note_uri, whole(last_line(text)))


async def opened(client, relative: str) -> tuple[str, str]:
    """The note opened, once the vault is indexed (the actions need every note); its URI and
    text."""
    await related(client, relative, limit=1)  # answered once the index is complete
    return open_note(client, relative), (client.vault / relative).read_text(encoding="utf-8")


async def test_add_related_notes_writes_the_footer_of_a_draft_without_one(client):
    note_uri, text = await opened(client, DRAFT)
    action = starting(await footer_actions(client, note_uri, text), "Add related notes: ")
    assert action.kind == REFACTOR
    expected = [item["target"] for item in await related(client, DRAFT, limit=3)]
    assert action.title == "Add related notes: " + ", ".join(expected)
    after = edited(client, action.edit, note_uri, text)
    links = " | ".join(f"[[{target}]]" for target in expected)
    assert after == text + f"\n---\n\n**Related**: {links}\n"
    found = {item["target"]: item["path"] for item in await related(client, DRAFT, limit=3)}
    assert sum(path in RAG_NOTES for path in found.values()) >= 2

    # Once they are linked, the next three come.
    change_document(client, note_uri, 2, after)
    action = starting(
        await code_actions(client, note_uri, whole(last_line(after))), "Add related notes: "
    )
    again = edited(client, action.edit, note_uri, after)
    assert again.startswith(after.rstrip("\n") + " | [[")
    assert again.count("[[") == 6 and len(set(again.split("[[")[1:])) == 6


async def test_add_related_notes_extends_the_related_line(client):
    draft = "Tweets/Fine-tuning Mistral with QLoRA on One GPU.md"
    note_uri, text = await opened(client, draft)
    line = text.splitlines().index("**Related**: [[QLoRA]]  ")
    action = starting(await code_actions(client, note_uri, whole(line)), "Add related notes: ")
    after = edited(client, action.edit, note_uri, text)
    new_line = after.splitlines()[line]
    assert new_line.startswith("**Related**: [[QLoRA]] | [[") and new_line.endswith("]]  ")
    assert new_line.count("[[") == 4 and "[[QLoRA]]" not in new_line[len("**Related**: [[") :]
    # Nothing else changed.
    assert after.splitlines()[:line] == text.splitlines()[:line]
    assert after.splitlines()[line + 1 :] == text.splitlines()[line + 1 :]


async def test_add_related_notes_is_the_quick_fix_of_a_missing_footer(client):
    note_uri, text = await opened(client, DRAFT)
    found = await diagnostics_for(
        client, note_uri, until=lambda found: any(d.code == "structure-related" for d in found)
    )
    missing = next(d for d in found if d.code == "structure-related")
    actions = await code_actions(client, note_uri, missing.range, [missing], only=["quickfix"])
    action = starting(actions, "Add related notes: ")
    assert action.kind == "quickfix" and list(action.diagnostics or []) == [missing]
    assert edited(client, action.edit, note_uri, text).startswith(text + "\n---\n\n**Related**: [[")
    # The plain line the check offers is still there.
    starting(actions, "Add '**Related**:'")


async def test_the_actions_are_offered_where_they_apply(client):
    note_uri, text = await opened(client, DRAFT)
    # In the introduction: neither (a light bulb on every line would be a nuisance)...
    introduction = text.splitlines().index("## Introduction") + 2
    titles = [action.title for action in await code_actions(client, note_uri, whole(introduction))]
    assert not [title for title in titles if title.startswith(("Add related", "Add suggested"))]
    # ...unless the editor asks for refactorings.
    asked = await code_actions(client, note_uri, whole(introduction), only=[REFACTOR])
    starting(asked, "Add related notes: ")
    starting(asked, "Add suggested tags: ")
    # Not at all for a note that is not a draft.
    other = "Notes/RAG/Rerankers.md"
    other_uri, _ = await opened(client, other)
    asked = await code_actions(client, other_uri, whole(0), only=[REFACTOR])
    assert not [a for a in asked if a.title.startswith(("Add related", "Add suggested"))]


async def test_add_suggested_tags_adds_to_the_frontmatter_list(client):
    note_uri, text = await opened(client, DRAFT)
    line = text.splitlines().index("tags: [blog, search]")
    action = starting(await code_actions(client, note_uri, whole(line)), "Add suggested tags: ")
    assert action.kind == REFACTOR
    suggested = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command="blog-lsp.suggestTags", arguments=[{"uri": note_uri, "limit": 3}]
        )
    )
    names = [item["tag"] for item in suggested]
    assert names[0] == "RAG" and action.title == "Add suggested tags: " + ", ".join(names)
    after = edited(client, action.edit, note_uri, text)
    listed = ", ".join(names)
    assert after == text.replace("tags: [blog, search]", f"tags: [blog, search, {listed}]")
    assert frontmatter.loads(after).metadata["tags"] == ["blog", "search", *names]
