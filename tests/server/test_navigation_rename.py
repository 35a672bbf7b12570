"""Rename end to end: notes (the file and every link to it) and headings, the refusals, and a
client that cannot rename files."""

from __future__ import annotations

import asyncio

import pytest
from lsp_edits import apply_workspace_edit
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient
from test_navigation_support import (
    BROKEN,
    add_note,
    note_text,
    note_uri,
    position_in,
    text_at,
    wait_for_index,
)

TIMEOUT = 15
ATTENTION = "Notes/Attention.md"
RENAMED = "Notes/Attention Mechanism.md"
TRANSFORMERS = "Notes/Transformers.md"
LEARNING = "Notes/Learning LLMs.md"
KV = "Tweets/Understanding KV Caching in Transformers.md"


def renames_files(client: LanguageClient) -> bool:
    """Whether the client applies file renames in workspace edits: it lists 'rename' among
    its resource operations (Neovim does so without the documentChanges flag, and applies
    documentChanges all the same)."""
    edit = client.capabilities.workspace.workspace_edit  # type: ignore[union-attr]
    return types.ResourceOperationKind.Rename in (edit.resource_operations or [])


async def prepare(client, relative, needle, offset=0):
    return await asyncio.wait_for(
        client.text_document_prepare_rename_async(
            types.PrepareRenameParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri(client, relative)),
                position=position_in(client, relative, needle, offset),
            )
        ),
        TIMEOUT,
    )


async def rename(client, relative, needle, offset, new_name):
    return await asyncio.wait_for(
        client.text_document_rename_async(
            types.RenameParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri(client, relative)),
                position=position_in(client, relative, needle, offset),
                new_name=new_name,
            )
        ),
        TIMEOUT,
    )


def apply(client, edit: types.WorkspaceEdit) -> None:
    # A rename's edit comes back as the response, not through workspace/applyEdit.
    apply_workspace_edit(edit, client.encoding)


# -- notes ---------------------------------------------------------------------------------


async def test_rename_a_note_from_a_link(client):
    await wait_for_index(client)
    if not renames_files(client):
        with pytest.raises(JsonRpcException, match="cannot rename files"):
            await prepare(client, TRANSFORMERS, "[[Attention]]", 4)
        with pytest.raises(JsonRpcException, match="cannot rename files"):
            await rename(client, TRANSFORMERS, "[[Attention]]", 4, "Attention Mechanism")
        return
    prepared = await prepare(client, TRANSFORMERS, "[[Attention]]", 4)
    assert prepared.placeholder == "Attention"
    assert text_at(client, TRANSFORMERS, prepared.range) == "Attention"

    edit = await rename(client, TRANSFORMERS, "[[Attention]]", 4, "Attention Mechanism")
    file_renames = [c for c in edit.document_changes if isinstance(c, types.RenameFile)]
    assert [(c.old_uri, c.new_uri) for c in file_renames] == [
        (note_uri(client, ATTENTION), note_uri(client, RENAMED))
    ]
    assert file_renames[0].options.overwrite is False
    assert isinstance(edit.document_changes[-1], types.RenameFile)  # edits first, then the file
    apply(client, edit)

    vault = client.vault
    assert not (vault / ATTENTION).exists()
    renamed = note_text(client, RENAMED)
    assert "# Attention Mechanism\n" in renamed  # the H1 that spelt the name follows it
    assert "title: Attention\n" in renamed  # the published title is left alone
    assert "- [[Transformers]]" in renamed
    # Alias, subpath and block kept; every note rewritten.
    assert "[[Attention Mechanism|How attention works]]" in note_text(client, LEARNING)
    transformers = note_text(client, TRANSFORMERS)
    assert "with [[Attention Mechanism]], which" in transformers
    assert "[[Attention Mechanism#Multi-head attention]]" in transformers
    assert "[[Attention Mechanism#^definition]]" in transformers
    kv = note_text(client, KV)
    assert "[[Attention Mechanism|attention]]" in kv
    assert "**Related**: [[Attention Mechanism]] | [[Transformers]]" in kv
    assert "[[Attention]]" not in kv


async def test_rename_a_note_keeps_each_link_style(client):
    await wait_for_index(client)
    if not renames_files(client):
        pytest.skip("the client cannot rename files (see test_rename_a_note_from_a_link)")
    links = (
        "Path [[Notes/Attention]], file [[Attention.md#Multi-head attention|heads]],\n"
        "markdown [text](Attention.md#Multi-head%20attention), "
        "relative [up](../Notes/Attention.md)\n"
        "and ![[Attention#^definition]] 🧠 [[Attention]].\n"
    )
    add_note(client, "Notes/Styles.md", links)
    edit = await rename(client, ATTENTION, "# Attention", 3, "Attention Mechanism.md")
    apply(client, edit)
    assert note_text(client, "Notes/Styles.md") == (
        "Path [[Notes/Attention Mechanism]], file "
        "[[Attention Mechanism.md#Multi-head attention|heads]],\n"
        "markdown [text](Attention%20Mechanism.md#Multi-head%20attention), "
        "relative [up](../Notes/Attention%20Mechanism.md)\n"
        "and ![[Attention Mechanism#^definition]] 🧠 [[Attention Mechanism]].\n"
    )


async def test_rename_onto_a_name_a_longer_path_has(client):
    """Links that meant another note of that name, which the renamed note (a shorter path)
    would now take over, get that note's path."""
    await wait_for_index(client)
    if not renames_files(client):
        pytest.skip("the client cannot rename files (see test_rename_a_note_from_a_link)")
    add_note(client, "Books/Deep Dive/Heads.md", "# Heads\n")
    add_note(client, "Notes/Links to heads.md", "See [[Heads]] and [[Attention]].\n")
    edit = await rename(client, "Notes/Links to heads.md", "Attention]]", 2, "Heads")
    apply(client, edit)
    assert note_text(client, "Notes/Links to heads.md") == (
        "See [[Books/Deep Dive/Heads]] and [[Heads]].\n"
    )


async def test_rename_onto_a_name_a_shorter_path_has(client):
    """Bare links to the renamed note gain its path when the bare name leads elsewhere."""
    await wait_for_index(client)
    if not renames_files(client):
        pytest.skip("the client cannot rename files (see test_rename_a_note_from_a_link)")
    add_note(client, "Heads.md", "# Heads\n")
    add_note(client, "Notes/Links to heads.md", "See [[Heads]] and [[Attention|it]].\n")
    edit = await rename(client, "Notes/Links to heads.md", "Attention|", 2, "Heads")
    apply(client, edit)
    assert note_text(client, "Notes/Links to heads.md") == (
        "See [[Heads]] and [[Notes/Heads|it]].\n"
    )


async def test_rename_onto_an_existing_note_is_refused(client):
    await wait_for_index(client)
    reason = "already exists" if renames_files(client) else "cannot rename files"
    with pytest.raises(JsonRpcException, match=reason):
        await rename(client, TRANSFORMERS, "[[Attention]]", 4, "transformers")
    assert (client.vault / ATTENTION).exists()


async def test_rename_onto_a_look_alike_of_an_existing_note_is_refused(client):
    """'Cafe\u0301' (decomposed) is the note 'Caf\u00e9' (composed): links could not tell them
    apart, so no rename makes the second one."""
    await wait_for_index(client)
    if not renames_files(client):
        pytest.skip("the client cannot rename files (see test_rename_a_note_from_a_link)")
    add_note(client, "Notes/Caf\u00e9.md", "# Caf\u00e9\n")
    for look_alike in ("Cafe\u0301", "CAFE\u0301", "Caf\u200b\u00e9"):
        with pytest.raises(JsonRpcException, match="already exists"):
            await rename(client, TRANSFORMERS, "[[Attention]]", 4, look_alike)
    assert (client.vault / ATTENTION).exists()


async def test_rename_leaves_bidi_and_invisible_characters_out_of_the_new_name(client):
    await wait_for_index(client)
    if not renames_files(client):
        pytest.skip("the client cannot rename files (see test_rename_a_note_from_a_link)")
    edit = await rename(client, TRANSFORMERS, "[[Attention]]", 4, "Heads \u202egnp.exe\u200b")
    (file_rename,) = [c for c in edit.document_changes or [] if isinstance(c, types.RenameFile)]
    assert file_rename.new_uri.endswith("/Notes/Heads%20gnp.exe.md")
    apply(client, edit)
    assert "[[Heads gnp.exe]]" in note_text(client, TRANSFORMERS)


async def test_rename_refuses_bad_names(client):
    await wait_for_index(client)
    if not renames_files(client):
        pytest.skip("the client cannot rename files (see test_rename_a_note_from_a_link)")
    for bad in ("", "Notes/Elsewhere", "What? Why", "[[x]]", ".hidden"):
        with pytest.raises(JsonRpcException, match="name"):
            await rename(client, TRANSFORMERS, "[[Attention]]", 4, bad)


# -- headings ------------------------------------------------------------------------------


async def test_rename_a_heading(client):
    await wait_for_index(client)
    add_note(client, "Notes/Emoji.md", "🧠🚀 [[Attention#Multi-head attention|heads]] 🧠\n")
    prepared = await prepare(client, ATTENTION, "## Multi-head attention", 5)
    assert prepared.placeholder == "Multi-head attention"
    assert text_at(client, ATTENTION, prepared.range) == "Multi-head attention"
    edit = await rename(client, ATTENTION, "## Multi-head attention", 5, "Many heads")
    apply(client, edit)
    assert "\n## Many heads\n" in note_text(client, ATTENTION)
    assert "[[Attention#Many heads]]" in note_text(client, TRANSFORMERS)
    assert note_text(client, "Notes/Emoji.md") == "🧠🚀 [[Attention#Many heads|heads]] 🧠\n"
    assert not any(isinstance(change, types.RenameFile) for change in edit.document_changes or [])


async def test_rename_a_heading_from_a_link_in_another_note(client):
    await wait_for_index(client)
    prepared = await prepare(client, KV, "Decoder-only models]]", 3)
    assert prepared.placeholder == "Decoder-only models"
    assert text_at(client, KV, prepared.range) == "Decoder-only models"
    edit = await rename(client, KV, "Decoder-only models]]", 3, "Decoder-only transformers")
    apply(client, edit)
    assert "## Decoder-only transformers\n" in note_text(client, TRANSFORMERS)
    assert "[[Transformers#Decoder-only transformers]]" in note_text(client, KV)


async def test_rename_a_heading_onto_another_heading_is_refused(client):
    await wait_for_index(client)
    with pytest.raises(JsonRpcException, match="already has a heading"):
        await rename(client, ATTENTION, "## Multi-head attention", 5, "further READING")


# -- refusals ------------------------------------------------------------------------------


async def test_prepare_rename_refuses_plain_text_tags_and_unresolved_links(client):
    await wait_for_index(client)
    with pytest.raises(JsonRpcException, match="Nothing to rename here"):
        await prepare(client, ATTENTION, "weigh every other")
    with pytest.raises(JsonRpcException, match="Tags cannot be renamed"):
        await prepare(client, ATTENTION, "#deep-learning", 3)
    with pytest.raises(JsonRpcException, match="No note called 'Retrieval Tricks'"):
        await prepare(client, BROKEN, "[[Retrieval Tricks]]", 4)
    with pytest.raises(JsonRpcException, match="attachment"):
        await prepare(client, LEARNING, "diagram.png", 2)
    with pytest.raises(JsonRpcException, match="display text"):
        await prepare(client, LEARNING, "How attention works", 2)


# -- a client that cannot rename files -----------------------------------------------------


async def test_without_file_renames_notes_are_refused_but_headings_rename(no_file_operations):
    client = no_file_operations
    await wait_for_index(client)
    with pytest.raises(JsonRpcException, match="cannot rename files") as refused:
        await prepare(client, TRANSFORMERS, "[[Attention]]", 4)
    assert "headings can still be renamed" in str(refused.value)
    with pytest.raises(JsonRpcException, match="cannot rename files"):
        await rename(client, ATTENTION, "# Attention", 3, "Attention Mechanism")

    edit = await rename(client, ATTENTION, "## Further reading", 4, "Reading list")
    apply(client, edit)
    assert "\n## Reading list\n" in note_text(client, ATTENTION)
    assert (client.vault / ATTENTION).exists()
