"""Code actions, end to end: quick fixes, fix-all, typo suggestions and the vault dictionary,
frontmatter fixes, 'Create note' for an unresolved link, a new draft from the selection."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import frontmatter
import pytest
from lsp_client import created_files, diagnostics_for, open_note, uri
from lsp_edits import apply_text_edits
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

BROKEN = "Tweets/how to optimize rag #2.md"
CLEAN = "Tweets/Understanding KV Caching in Transformers.md"
TIMEOUT = 15

FIX_ALL = "source.fixAll.blog-lsp"
AMERICAN = ("optimize", "Optimize", "behavior", "analyze", "center", "Modeling", "labeled")


# -- helpers ---------------------------------------------------------------------------------


def whole(line: int = 0) -> types.Range:
    return types.Range(types.Position(line, 0), types.Position(line, 0))


async def code_actions(
    client: LanguageClient,
    note_uri: str,
    where: types.Range,
    diagnostics: Sequence[types.Diagnostic] = (),
    only: Sequence[str] | None = None,
) -> list[types.CodeAction]:
    result = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri),
                range=where,
                context=types.CodeActionContext(
                    diagnostics=list(diagnostics), only=list(only) if only else None
                ),
            )
        ),
        TIMEOUT,
    )
    actions = list(result or [])
    assert all(isinstance(action, types.CodeAction) for action in actions)
    return actions  # type: ignore[return-value]


async def all_diagnostics(client: LanguageClient, note_uri: str) -> list[types.Diagnostic]:
    """The diagnostics once the vault is indexed (links and typos need the whole vault)."""
    return await diagnostics_for(
        client,
        note_uri,
        until=lambda found: (
            any(d.code == "link-unresolved" for d in found)
            and any(d.code == "spelling" for d in found)
        ),
    )


async def vault_indexed(client: LanguageClient) -> None:
    async def ended() -> None:
        while not any(
            isinstance(report, types.WorkDoneProgressEnd)
            for reports in client.progress_reports.values()
            for report in reports
        ):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(ended(), TIMEOUT)


def text_edits(edit: types.WorkspaceEdit, note_uri: str) -> list[types.TextEdit]:
    edits: list[types.TextEdit] = []
    for target, changes in (edit.changes or {}).items():
        if target == note_uri:
            edits.extend(changes)
    for change in edit.document_changes or []:
        if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == note_uri:
            edits.extend(change.edits)  # type: ignore[arg-type]
    return edits


def edited(client: LanguageClient, edit: types.WorkspaceEdit, note_uri: str, text: str) -> str:
    """The text after the edit's changes to one document."""
    return apply_text_edits(text, text_edits(edit, note_uri), client.encoding)  # type: ignore[attr-defined]


def assert_edit_shape(client: LanguageClient, edit: types.WorkspaceEdit) -> None:
    """documentChanges for clients that support them (VS Code says so; Neovim lists resource
    operations, which exist only in documentChanges), changes for the others."""
    workspace = client.capabilities.workspace if client.capabilities else None
    edits = workspace.workspace_edit if workspace else None
    if edits and (edits.document_changes or edits.resource_operations):
        assert edit.document_changes and not edit.changes
    else:
        assert edit.changes and not edit.document_changes


def titled(actions: list[types.CodeAction], title: str) -> types.CodeAction:
    found = [action for action in actions if action.title == title]
    assert len(found) == 1, [action.title for action in actions]
    return found[0]


async def execute(client: LanguageClient, command: types.Command):
    return await asyncio.wait_for(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
        ),
        TIMEOUT,
    )


def change_document(client: LanguageClient, note_uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=note_uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


# -- British spellings -----------------------------------------------------------------------


async def test_the_server_declares_its_code_actions_and_commands(no_file_operations):
    capabilities = no_file_operations.initialize_result.capabilities
    options = capabilities.code_action_provider
    assert set(options.code_action_kinds) == {"quickfix", "refactor", FIX_ALL, "source"}
    assert not options.resolve_provider
    assert set(capabilities.execute_command_provider.commands) >= {
        "blog-lsp.newDraft",
        "blog-lsp.newDraftFromSelection",
        "blog-lsp.createNote",
        "blog-lsp.addWord",
        "blog-lsp.openNote",
    }


async def test_quick_fix_for_an_american_spelling(client):
    note_uri = open_note(client, BROKEN)
    text = (client.vault / BROKEN).read_text(encoding="utf-8")
    found = await all_diagnostics(client, note_uri)
    behavior = next(d for d in found if d.code == "british-spelling" and "behavior" in d.message)

    actions = await code_actions(client, note_uri, behavior.range, [behavior])

    fix = titled(actions, "Change to 'behaviour'")
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.is_preferred is True
    assert [d.message for d in fix.diagnostics or []] == [behavior.message]
    assert_edit_shape(client, fix.edit)
    after = edited(client, fix.edit, note_uri, text)
    assert "the behaviour of a real pipeline" in after
    assert "behavior" not in after
    # Only that word changed.
    assert after.replace("behaviour", "behavior") == text


async def test_no_quick_fix_for_a_stale_or_foreign_diagnostic(client):
    note_uri = open_note(client, BROKEN)
    text = (client.vault / BROKEN).read_text(encoding="utf-8")
    found = await all_diagnostics(client, note_uri)
    behavior = next(d for d in found if d.code == "british-spelling" and "behavior" in d.message)
    foreign = types.Diagnostic(
        range=behavior.range, message=behavior.message, code=behavior.code, source="other-linter"
    )
    actions = await code_actions(client, note_uri, behavior.range, [foreign], only=["quickfix"])
    assert actions == []

    # The writer fixed the word by hand: the old diagnostic no longer matches the text.
    change_document(client, note_uri, 2, text.replace("behavior", "behaviour"))
    actions = await code_actions(client, note_uri, behavior.range, [behavior], only=["quickfix"])
    assert actions == []


async def test_fix_all_british_spellings_in_one_edit(client):
    note_uri = open_note(client, BROKEN)
    text = (client.vault / BROKEN).read_text(encoding="utf-8")
    found = await all_diagnostics(client, note_uri)
    british = [d for d in found if d.code == "british-spelling"]
    assert len(british) >= 8

    # No diagnostics in the context: the server finds the spellings itself.
    for only in (["source.fixAll"], ["source"], [FIX_ALL]):
        actions = await code_actions(client, note_uri, whole(), only=only)
        titles = [action.title for action in actions if action.kind == FIX_ALL]
        assert titles == ["Fix all British spellings"]
        assert len(actions) == (3 if only == ["source"] else 1)  # and "Mark as ..." for a draft
    fix_all = actions[0]
    assert fix_all.kind == FIX_ALL
    assert_edit_shape(client, fix_all.edit)
    assert len(text_edits(fix_all.edit, note_uri)) == len(british)

    after = edited(client, fix_all.edit, note_uri, text)
    for word in AMERICAN:
        assert word not in after, word
    assert "behaviour" in after and "Optimise" in after and "colour" in after

    # Checked again, the fixed text has no American spelling left.
    change_document(client, note_uri, 2, after)
    rechecked = await diagnostics_for(client, note_uri, version=2)
    assert not [d for d in rechecked if d.code == "british-spelling"]
    assert any(d.code == "frontmatter-type" for d in rechecked)


async def test_fix_all_after_an_emoji_in_each_position_encoding(client):
    text = "🧠🚀 The color of the center, 🧠 and the gray behavior.\n"
    (client.vault / "Notes/Emoji.md").write_text(text, encoding="utf-8")
    note_uri = open_note(client, "Notes/Emoji.md")
    await diagnostics_for(client, note_uri, until=lambda d: len(d) >= 4)

    (fix_all,) = await code_actions(client, note_uri, whole(), only=["source.fixAll"])

    assert edited(client, fix_all.edit, note_uri, text) == (
        "🧠🚀 The colour of the centre, 🧠 and the grey behaviour.\n"
    )


async def test_no_fix_all_for_a_clean_note_or_other_kinds(client):
    clean_uri = open_note(client, CLEAN)
    await diagnostics_for(client, clean_uri)
    assert await code_actions(client, clean_uri, whole(), only=["source.fixAll"]) == []

    note_uri = open_note(client, BROKEN)
    await all_diagnostics(client, note_uri)
    actions = await code_actions(client, note_uri, whole(), only=["quickfix"])
    assert not [action for action in actions if action.title == "Fix all British spellings"]
    assert await code_actions(client, note_uri, whole(), only=["source.organizeImports"]) == []


# -- typos and the vault dictionary ----------------------------------------------------------


async def test_typo_suggestions_and_add_to_the_vault_dictionary(client):
    word_list = client.vault / ".blog-lsp-words.txt"
    word_list.write_text("# names\nKubernetes\nvLLM", encoding="utf-8")  # no final line break
    note_uri = open_note(client, BROKEN)
    text = (client.vault / BROKEN).read_text(encoding="utf-8")
    found = await all_diagnostics(client, note_uri)
    typo = next(d for d in found if d.code == "spelling")
    assert "retreival" in typo.message

    actions = await code_actions(client, note_uri, typo.range, [typo])

    assert actions[0].title == "Change to 'retrieval'"
    assert "the retrieval latency" in edited(client, actions[0].edit, note_uri, text)
    add = titled(actions, "Add 'retreival' to the vault dictionary")
    assert add.kind == types.CodeActionKind.QuickFix and add.edit is None
    assert add.command is not None and add.command.command == "blog-lsp.addWord"

    result = await execute(client, add.command)

    assert result == uri(word_list)
    assert word_list.read_text(encoding="utf-8") == "# names\nKubernetes\nvLLM\nretreival\n"
    rechecked = await diagnostics_for(
        client, note_uri, until=lambda d: not any(x.code == "spelling" for x in d)
    )
    assert any(d.code == "british-spelling" for d in rechecked)
    # A second time: the word is there already, and the file stays as it is.
    await execute(client, add.command)
    assert word_list.read_text(encoding="utf-8") == "# names\nKubernetes\nvLLM\nretreival\n"


# -- frontmatter -----------------------------------------------------------------------------

MISSING = "Tweets/Vector Search Basics.md"
MISSING_TEXT = """---
type:
title: Vector Search Basics
date: someday
tags:
  - ML
---

# Vector Search Basics

## Introduction

Text.
"""


async def test_frontmatter_fixes_of_the_broken_draft(client):
    note_uri = open_note(client, BROKEN)
    text = (client.vault / BROKEN).read_text(encoding="utf-8")
    found = await all_diagnostics(client, note_uri)
    # code: (title, the line after the fix, preferred, the value read back)
    expected = {
        "frontmatter-type": ("Set 'type: Blog'", "type: Blog", True, "Blog"),
        "frontmatter-date": (
            "Write the date as '2025-10-14'",
            "date: '2025-10-14'",
            True,
            "2025-10-14",  # text, not a date object
        ),
        "frontmatter-tags": (
            "Change the tags to [blog, ML, RAG]",
            "tags: [blog, ML, RAG]",
            True,
            ["blog", "ML", "RAG"],
        ),
        # 'drafted' is not a status; 'draft' is a guess, so it is not preferred.
        "frontmatter-status": ("Set the status to draft", "status: draft", None, "draft"),
    }
    for code, (title, line, preferred, value) in expected.items():
        diagnostic = next(d for d in found if d.code == code)
        actions = await code_actions(client, note_uri, diagnostic.range, [diagnostic])
        fix = titled(actions, title)
        assert fix.kind == types.CodeActionKind.QuickFix
        assert fix.is_preferred is preferred
        assert_edit_shape(client, fix.edit)
        after = edited(client, fix.edit, note_uri, text)
        assert f"\n{line}\n" in after, (code, after[:300])
        assert frontmatter.loads(after).metadata[code.split("-")[1]] == value


async def test_structure_inserts_of_the_broken_draft(client):
    note_uri = open_note(client, BROKEN)
    text = (client.vault / BROKEN).read_text(encoding="utf-8")
    found = await all_diagnostics(client, note_uri)
    title = "How to Optimize RAG Pipelines for Production Workloads Without Losing Your Mind"

    h1 = next(d for d in found if d.code == "structure-h1")
    fix = titled(await code_actions(client, note_uri, h1.range, [h1]), f"Add '# {title}'")
    after = edited(client, fix.edit, note_uri, text)
    assert after == text.replace("---\n\n## Introduction", f"---\n# {title}\n\n## Introduction")

    related = next(d for d in found if d.code == "structure-related")
    fix = titled(
        await code_actions(client, note_uri, related.range, [related]), "Add '**Related**:'"
    )
    assert edited(client, fix.edit, note_uri, text) == text + "**Related**: \n"


async def test_frontmatter_fixes_for_missing_and_empty_fields(client):
    (client.vault / MISSING).write_text(MISSING_TEXT, encoding="utf-8")
    note_uri = open_note(client, MISSING)
    found = await diagnostics_for(
        client, note_uri, until=lambda d: any(x.code == "frontmatter-field-missing" for x in d)
    )
    missing = [d for d in found if d.code == "frontmatter-field-missing"]
    assert {d.message for d in missing} == {
        "The 'type' field is empty.",
        "The frontmatter has no 'description' field.",
        "The frontmatter has no 'status' field.",
    }

    def fixed(actions: list[types.CodeAction], title: str) -> dict:
        after = edited(client, titled(actions, title).edit, note_uri, MISSING_TEXT)
        return frontmatter.loads(after).metadata

    empty_type = next(d for d in missing if "'type'" in d.message)
    actions = await code_actions(client, note_uri, empty_type.range, [empty_type])
    assert fixed(actions, "Fill in 'type: Blog'")["type"] == "Blog"

    at_top = [d for d in missing if d.range.start.line == 0]
    actions = await code_actions(client, note_uri, whole(), at_top)
    assert fixed(actions, "Add the 'status' field")["status"] == "draft"
    assert "description" in fixed(actions, "Add the 'description' field")
    both = fixed(actions, "Add all the missing frontmatter fields")
    assert both["status"] == "draft" and "description" in both
    assert both["title"] == "Vector Search Basics"

    tags = next(d for d in found if d.code == "frontmatter-tags")
    actions = await code_actions(client, note_uri, tags.range, [tags])
    assert fixed(actions, "Add the 'blog' tag")["tags"] == ["blog", "ML"]

    # 'someday' is no date: there is nothing certain to write, so no fix is offered.
    date = next(d for d in found if d.code == "frontmatter-date")
    assert await code_actions(client, note_uri, date.range, [date], only=["quickfix"]) == []


async def test_add_the_frontmatter_to_a_draft_without_one(client):
    text = "# No Frontmatter Yet\n\nText.\n"
    (client.vault / "Tweets/No Frontmatter Yet.md").write_text(text, encoding="utf-8")
    note_uri = open_note(client, "Tweets/No Frontmatter Yet.md")
    found = await diagnostics_for(
        client, note_uri, until=lambda d: any(x.code == "frontmatter-missing" for x in d)
    )
    missing = next(d for d in found if d.code == "frontmatter-missing")

    fix = titled(
        await code_actions(client, note_uri, missing.range, [missing]), "Add the blog frontmatter"
    )

    after = frontmatter.loads(edited(client, fix.edit, note_uri, text))
    assert after.metadata["type"] == "Blog"
    assert after.metadata["title"] == "No Frontmatter Yet"
    assert after.metadata["tags"] == ["blog"]
    assert after.content == text.strip()


async def test_no_frontmatter_fix_for_a_diagnostic_the_checks_do_not_make(client):
    note_uri = open_note(client, "Notes/Attention.md")
    await diagnostics_for(client, note_uri)
    made_up = types.Diagnostic(
        range=types.Range(types.Position(1, 6), types.Position(1, 10)),
        message="The type is 'blog'; a blog draft has 'type: Blog'.",
        code="frontmatter-type",
        source="blog-lsp",
        data={"fix": "Blog", "field": "type"},
    )
    assert await code_actions(client, note_uri, made_up.range, [made_up], only=["quickfix"]) == []


# -- 'Create note' for an unresolved link ----------------------------------------------------


async def test_create_note_for_an_unresolved_link(client):
    note_uri = open_note(client, BROKEN)
    found = await all_diagnostics(client, note_uri)
    link = next(d for d in found if d.code == "link-unresolved")
    new_note = client.vault / "Retrieval Tricks.md"

    actions = await code_actions(client, note_uri, link.range, [link])

    create = titled(actions, "Create the note 'Retrieval Tricks.md'")
    assert create.kind == types.CodeActionKind.QuickFix
    assert not new_note.exists()
    # A command in both profiles: the server writes the note, so it is on disk, complete, when
    # the command returns (an edit's CreateFile leaves it empty until the editor saves).
    assert create.edit is None and create.command.command == "blog-lsp.createNote"
    assert await execute(client, create.command) == uri(new_note)
    assert new_note.read_text(encoding="utf-8") == "# Retrieval Tricks\n"
    assert client.applied_edits == []  # nothing asked of the editor
    rechecked = await diagnostics_for(
        client, note_uri, until=lambda d: not any(x.code == "link-unresolved" for x in d)
    )
    assert any(d.code == "link-heading-unresolved" for d in rechecked)


async def two_unresolved_links(
    client: LanguageClient, text: str
) -> tuple[str, list[types.Diagnostic]]:
    """Notes/Links.md holding ``text`` (two unresolved links), opened; its diagnostics."""
    (client.vault / "Notes/Links.md").write_text(text, encoding="utf-8")
    note_uri = open_note(client, "Notes/Links.md")
    found = await diagnostics_for(
        client,
        note_uri,
        until=lambda d: len([x for x in d if x.code == "link-unresolved"]) == 2,
    )
    return note_uri, found


async def test_create_note_where_obsidian_puts_new_notes(client):
    # "Same folder as current file": the note for a link from Notes/ goes to Notes/.
    (client.vault / ".obsidian" / "app.json").write_text(
        '{"newFileLocation": "current"}', encoding="utf-8"
    )
    note_uri, found = await two_unresolved_links(
        client, "See [[Retrieval Tricks]] and [[Projects/Reranking Notes]].\n"
    )
    titles = []
    for diagnostic in found:
        if diagnostic.code == "link-unresolved":
            actions = await code_actions(client, note_uri, diagnostic.range, [diagnostic])
            titles += [a.title for a in actions if a.title.startswith("Create the note")]
    # A link with a folder keeps it.
    assert sorted(titles) == [
        "Create the note 'Notes/Retrieval Tricks.md'",
        "Create the note 'Projects/Reranking Notes.md'",
    ]
    command = types.Command(
        title="Create",
        command="blog-lsp.createNote",
        arguments=[{"uri": note_uri, "target": "Retrieval Tricks"}],
    )
    new_note = client.vault / "Notes" / "Retrieval Tricks.md"
    assert await execute(client, command) == uri(new_note)
    assert new_note.read_text(encoding="utf-8") == "# Retrieval Tricks\n"
    assert not (client.vault / "Retrieval Tricks.md").exists()


async def test_create_note_without_resource_operations(no_file_operations):
    client = no_file_operations
    note_uri = open_note(client, BROKEN)
    found = await all_diagnostics(client, note_uri)
    link = next(d for d in found if d.code == "link-unresolved")

    create = titled(
        await code_actions(client, note_uri, link.range, [link]),
        "Create the note 'Retrieval Tricks.md'",
    )

    assert create.edit is None and create.command.command == "blog-lsp.createNote"
    new_uri = await execute(client, create.command)
    assert new_uri == uri(client.vault / "Retrieval Tricks.md")
    assert (client.vault / "Retrieval Tricks.md").read_text(encoding="utf-8") == (
        "# Retrieval Tricks\n"
    )
    assert client.applied_edits == []  # nothing asked of the editor
    # Spelling fixes still use documentChanges, which this client supports.
    behavior = next(d for d in found if d.code == "british-spelling" and "behavior" in d.message)
    fix = titled(
        await code_actions(client, note_uri, behavior.range, [behavior]), "Change to 'behaviour'"
    )
    assert fix.edit.document_changes and not fix.edit.changes


async def test_no_create_note_over_an_existing_file_or_outside_the_vault(client):
    note_uri, found = await two_unresolved_links(
        client, "See [[Retrieval Tricks]] and [[../../Outside Note]].\n"
    )
    # A file the index has not seen yet, differing only in case: no second note beside it.
    existing = client.vault / "retrieval tricks.md"
    existing.write_bytes(b"mine\r\n")
    for diagnostic in found:
        if diagnostic.code == "link-unresolved":
            actions = await code_actions(client, note_uri, diagnostic.range, [diagnostic])
            assert not [a for a in actions if a.title.startswith("Create the note")]

    # The command refuses too, and leaves the file as it was.
    for target, reason in (
        # Refused as a file that exists, or (once the server has seen it) as a link that
        # already leads to a note.
        ("Retrieval Tricks", "already exists|already leads to"),
        ("../../Outside Note", "cannot create a note"),
        ("../../../tmp/evil", "cannot create a note"),
    ):
        command = types.Command(
            title="Create",
            command="blog-lsp.createNote",
            arguments=[{"uri": note_uri, "target": target}],
        )
        with pytest.raises(JsonRpcException, match=reason):
            await execute(client, command)
    assert existing.read_bytes() == b"mine\r\n"
    assert not (client.vault.parent / "Outside Note.md").exists()
    assert not (client.vault.parent.parent / "Outside Note.md").exists()


# -- a new draft from the selection ----------------------------------------------------------

IDEAS = "Notes/Ideas.md"
IDEAS_TEXT = """# Ideas

Next post: Evaluating Retrieval Quality at Scale, maybe.
Or: Understanding KV Caching for Transformers.
"""


def selection(line: int, text: str, phrase: str) -> types.Range:
    """The range of ``phrase`` (ASCII) on a line of ``text``."""
    start = text.splitlines()[line].index(phrase)
    return types.Range(types.Position(line, start), types.Position(line, start + len(phrase)))


async def test_new_draft_from_the_selection(client):
    (client.vault / IDEAS).write_text(IDEAS_TEXT, encoding="utf-8")
    note_uri = open_note(client, IDEAS)
    await vault_indexed(client)
    title = "Evaluating Retrieval Quality at Scale"
    draft = client.vault / "Tweets" / f"{title}.md"

    actions = await code_actions(client, note_uri, selection(2, IDEAS_TEXT, title))

    action = titled(actions, f"New blog draft '{title}' from the selection")
    assert action.kind == types.CodeActionKind.Refactor
    # A command in both profiles: the server writes the draft, then has the editor link it.
    assert action.edit is None
    assert action.command.command == "blog-lsp.newDraftFromSelection"
    assert await execute(client, action.command) == uri(draft)
    assert created_files(client) == []
    text = draft.read_text(encoding="utf-8")
    metadata = frontmatter.loads(text).metadata
    assert metadata["title"] == title and metadata["type"] == "Blog"
    assert f"\n# {title}\n" in text
    assert (client.vault / IDEAS).read_text(encoding="utf-8") == IDEAS_TEXT.replace(
        title, f"[[{title}]]"
    )
    assert client.shown_documents[-1].uri == uri(draft)


LONG_IDEA = (
    "Next: How to Optimise Retrieval-Augmented Generation Pipelines for Production Workloads.\n"
)


async def test_a_selection_too_long_for_a_title_offers_a_shorter_one(client):
    (client.vault / IDEAS).write_text(IDEAS_TEXT + LONG_IDEA, encoding="utf-8")
    note_uri = open_note(client, IDEAS)
    await vault_indexed(client)
    selected = LONG_IDEA[len("Next: ") : -2]
    shortened = "How to Optimise Retrieval-Augmented Generation Pipelines"
    where = selection(4, IDEAS_TEXT + LONG_IDEA, selected)

    actions = await code_actions(client, note_uri, where, only=["refactor"])

    # Never a draft with a title search engines cut: the action names the shorter title, and
    # choosing it is the writer's consent.
    action = titled(actions, f"New blog draft '{shortened}' from the selection (title cut to 60)")
    assert action.command.arguments[0]["draftTitle"] == shortened
    draft = client.vault / "Tweets" / f"{shortened}.md"
    assert await execute(client, action.command) == uri(draft)
    assert frontmatter.loads(draft.read_text(encoding="utf-8")).metadata["title"] == shortened
    # The sentence reads as before: the link shows the selected words.
    assert (client.vault / IDEAS).read_text(encoding="utf-8") == IDEAS_TEXT + LONG_IDEA.replace(
        selected, f"[[{shortened}|{selected}]]"
    )


async def test_new_draft_from_selection_refuses_a_draft_title_too_long(client):
    text = IDEAS_TEXT + LONG_IDEA
    (client.vault / IDEAS).write_text(text, encoding="utf-8")
    note_uri = open_note(client, IDEAS)
    await vault_indexed(client)
    selected = LONG_IDEA[len("Next: ") : -2]
    where = selection(4, text, selected)
    before = sorted((client.vault / "Tweets").iterdir())
    arguments = {
        "uri": note_uri,
        "range": {
            "start": {"line": where.start.line, "character": where.start.character},
            "end": {"line": where.end.line, "character": where.end.character},
        },
        "title": selected,
    }
    command = types.Command(
        title="New", command="blog-lsp.newDraftFromSelection", arguments=[arguments]
    )
    with pytest.raises(JsonRpcException, match="search engines cut titles after 60"):
        await execute(client, command)
    assert sorted((client.vault / "Tweets").iterdir()) == before
    assert (client.vault / IDEAS).read_text(encoding="utf-8") == text


async def test_open_the_existing_draft_instead_of_a_near_duplicate(client):
    (client.vault / IDEAS).write_text(IDEAS_TEXT, encoding="utf-8")
    note_uri = open_note(client, IDEAS)
    await vault_indexed(client)
    before = sorted(path.name for path in (client.vault / "Tweets").iterdir())

    actions = await code_actions(
        client, note_uri, selection(3, IDEAS_TEXT, "Understanding KV Caching for Transformers")
    )

    assert [action.title for action in actions if action.kind == "refactor"] == [
        "Open existing draft 'Understanding KV Caching in Transformers'"
    ]
    action = actions[-1]
    assert action.command.command == "blog-lsp.openNote"
    assert await execute(client, action.command) is True
    assert client.shown_documents[-1].uri == uri(client.vault / CLEAN)
    assert sorted(path.name for path in (client.vault / "Tweets").iterdir()) == before


async def test_no_new_draft_without_a_selection(client):
    (client.vault / IDEAS).write_text(IDEAS_TEXT, encoding="utf-8")
    note_uri = open_note(client, IDEAS)
    await vault_indexed(client)
    empty = types.Range(types.Position(2, 11), types.Position(2, 11))
    assert await code_actions(client, note_uri, empty, only=["refactor"]) == []
    two_lines = types.Range(types.Position(2, 11), types.Position(3, 5))
    assert await code_actions(client, note_uri, two_lines, only=["refactor"]) == []
    # Asked only for quick fixes, a selection brings no refactoring.
    phrase = selection(2, IDEAS_TEXT, "Evaluating Retrieval Quality at Scale")
    assert await code_actions(client, note_uri, phrase, only=["quickfix"]) == []


async def test_quick_fix_repairs_garbled_text(client):
    text = "# Garbled\n\nIt costs O(nÂ²) time.\n"
    (client.vault / "Notes/Garbled.md").write_text(text, encoding="utf-8")
    note_uri = open_note(client, "Notes/Garbled.md")
    found = await diagnostics_for(
        client, note_uri, until=lambda d: any(x.code == "text-mojibake" for x in d)
    )
    (garbled,) = [d for d in found if d.code == "text-mojibake"]
    actions = await code_actions(client, note_uri, garbled.range, [garbled], only=["quickfix"])
    fix = titled(actions, "Change to '²'")
    assert fix.is_preferred
    assert edited(client, fix.edit, note_uri, text) == "# Garbled\n\nIt costs O(n²) time.\n"


async def test_no_garbled_text_fix_for_clean_text(client):
    text = "# Clean\n\nIt costs O(n²) time.\n"
    (client.vault / "Notes/Clean.md").write_text(text, encoding="utf-8")
    note_uri = open_note(client, "Notes/Clean.md")
    found = await diagnostics_for(client, note_uri)
    assert not [d for d in found if d.code == "text-mojibake"]
