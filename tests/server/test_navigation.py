"""Navigation end to end, in VS Code's and Neovim's clothes: definition, references, hover,
document links, document and workspace symbols, and ranges on lines with emoji."""

from __future__ import annotations

import asyncio

from lsp_client import open_note
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from test_navigation_support import (
    BROKEN,
    add_note,
    note_uri,
    position_in,
    relative_of,
    text_at,
    units,
    wait_for_index,
)

from blog_lsp.rules import RULES

TIMEOUT = 15
ATTENTION = "Notes/Attention.md"
TRANSFORMERS = "Notes/Transformers.md"
LEARNING = "Notes/Learning LLMs.md"
KV = "Tweets/Understanding KV Caching in Transformers.md"
EMOJI_NOTE = "Notes/Emoji.md"
EMOJI_TEXT = (
    "# Emoji 🧠\n\n"
    "🧠🚀 Read [[Attention#Multi-head attention]] and #transformers now.\n\n"
    "The end.\n"
)


async def ask(coroutine):
    return await asyncio.wait_for(coroutine, TIMEOUT)


async def definition(client, relative, needle, offset=0):
    return await ask(
        client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri(client, relative)),
                position=position_in(client, relative, needle, offset),
            )
        )
    )


async def references(client, relative, needle, offset=0, *, declaration=False):
    found = await ask(
        client.text_document_references_async(
            types.ReferenceParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri(client, relative)),
                position=position_in(client, relative, needle, offset),
                context=types.ReferenceContext(include_declaration=declaration),
            )
        )
    )
    return [
        (relative_of(client, item.uri), text_at(client, relative_of(client, item.uri), item.range))
        for item in found or []
    ]


async def hover(client, relative, needle, offset=0):
    return await ask(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri(client, relative)),
                position=position_in(client, relative, needle, offset),
            )
        )
    )


# -- definition ----------------------------------------------------------------------------


async def test_definition_of_a_link_to_a_note(client):
    await wait_for_index(client)
    found = await definition(client, TRANSFORMERS, "[[Attention]]", 4)
    assert len(found) == 1
    link = found[0]
    assert isinstance(link, types.LocationLink)  # both editors take links
    assert relative_of(client, link.target_uri) == ATTENTION
    assert link.target_selection_range.start == types.Position(0, 0)
    assert text_at(client, TRANSFORMERS, link.origin_selection_range) == "[[Attention]]"


async def test_definition_of_a_link_to_a_heading_and_to_a_block(client):
    await wait_for_index(client)
    heading = (await definition(client, TRANSFORMERS, "[[Attention#Multi-head", 15))[0]
    assert relative_of(client, heading.target_uri) == ATTENTION
    assert text_at(client, ATTENTION, heading.target_selection_range) == "Multi-head attention"
    assert text_at(client, ATTENTION, heading.target_range) == "## Multi-head attention"

    block = (await definition(client, TRANSFORMERS, "[[Attention#^definition]]", 3))[0]
    assert block.target_range.start.line == 8
    assert text_at(client, ATTENTION, block.target_selection_range) == "^definition"


async def test_definition_of_an_embedded_attachment(client):
    await wait_for_index(client)
    found = await definition(client, LEARNING, "diagram.png", 2)
    assert relative_of(client, found[0].target_uri) == "attachments/diagram.png"


async def test_no_definition_on_plain_text_or_an_unresolved_link(client):
    await wait_for_index(client)
    assert not await definition(client, TRANSFORMERS, "replaced recurrence")
    assert not await definition(client, BROKEN, "[[Retrieval Tricks]]", 4)


async def every_request(client, relative, position):
    """Every navigation request for one document and position: (method, answer)."""
    document = types.TextDocumentIdentifier(uri=note_uri(client, relative))
    answers = {
        "definition": client.text_document_definition_async(
            types.DefinitionParams(text_document=document, position=position)
        ),
        "references": client.text_document_references_async(
            types.ReferenceParams(
                text_document=document,
                position=position,
                context=types.ReferenceContext(include_declaration=True),
            )
        ),
        "hover": client.text_document_hover_async(
            types.HoverParams(text_document=document, position=position)
        ),
        "prepareRename": client.text_document_prepare_rename_async(
            types.PrepareRenameParams(text_document=document, position=position)
        ),
        "documentLink": client.text_document_document_link_async(
            types.DocumentLinkParams(text_document=document)
        ),
        "documentSymbol": client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=document)
        ),
    }
    result = {}
    for method, answer in answers.items():
        try:
            result[method] = await ask(answer)
        except JsonRpcException as refusal:  # prepareRename refuses with an error
            result[method] = refusal
    return result


async def test_other_files_missing_notes_and_positions_past_the_end_get_no_answer(client):
    await wait_for_index(client)
    for relative, position in (
        (".blog-lsp.toml", types.Position(0, 0)),
        ("attachments/diagram.png", types.Position(0, 0)),
        ("Notes/Missing.md", types.Position(0, 0)),
        (TRANSFORMERS, types.Position(500, 3)),
    ):
        answers = await every_request(client, relative, position)
        point_answers = {m: a for m, a in answers.items() if not m.startswith("document")}
        assert not any(point_answers.values()), (relative, answers)
        if relative != TRANSFORMERS:
            assert not any(answers.values()), (relative, answers)
    # A position past the end of a line is taken as its end: plain text there.
    answers = await every_request(client, TRANSFORMERS, types.Position(8, 5000))
    assert answers["definition"] is None and answers["hover"] is None
    assert "Nothing to rename here" in str(answers["prepareRename"])


async def test_requests_before_the_index_is_complete_do_not_fail(client):
    """Straight after initialisation, the index may still be building: answers come from
    what is indexed so far (here, perhaps nothing), never an error."""
    position = position_in(client, TRANSFORMERS, "[[Attention]]", 4)
    answers = await every_request(client, TRANSFORMERS, position)
    # Neovim's profile cannot rename files, so it hears why rather than a placeholder.
    assert not isinstance(answers["prepareRename"], JsonRpcException) or (
        "cannot rename files" in str(answers["prepareRename"])
    )
    await ask(client.workspace_symbol_async(types.WorkspaceSymbolParams(query="atten")))
    await wait_for_index(client)  # and the server is still well afterwards
    assert (await definition(client, TRANSFORMERS, "[[Attention]]", 4))[0].target_uri.endswith(
        "Attention.md"
    )


# -- references ----------------------------------------------------------------------------


async def test_references_to_a_note_from_a_link_and_from_its_h1(client):
    await wait_for_index(client)
    backlinks = [
        (LEARNING, "[[Attention|How attention works]]"),
        (TRANSFORMERS, "[[Attention]]"),
        (TRANSFORMERS, "[[Attention#Multi-head attention]]"),
        (TRANSFORMERS, "[[Attention#^definition]]"),
        (KV, "[[Attention|attention]]"),
        (KV, "[[Attention]]"),
    ]
    from_link = await references(client, TRANSFORMERS, "[[Attention]]", 5)
    assert sorted(from_link) == sorted(backlinks)
    from_h1 = await references(client, ATTENTION, "# Attention", 4)
    assert sorted(from_h1) == sorted(backlinks)
    from_prose = await references(client, ATTENTION, "weigh every other")
    assert sorted(from_prose) == sorted(backlinks)
    with_declaration = await references(client, ATTENTION, "# Attention", 4, declaration=True)
    assert (ATTENTION, "Attention") in with_declaration
    assert len(with_declaration) == len(backlinks) + 1


async def test_references_to_a_heading_and_a_block(client):
    await wait_for_index(client)
    heading = await references(client, ATTENTION, "## Multi-head attention", 5)
    assert heading == [(TRANSFORMERS, "[[Attention#Multi-head attention]]")]
    from_link = await references(client, KV, "Decoder-only models]]", 2)
    assert from_link == [(KV, "[[Transformers#Decoder-only models]]")]
    block = await references(client, ATTENTION, "^definition", 3)
    assert block == [(TRANSFORMERS, "[[Attention#^definition]]")]


async def test_references_to_a_tag_inline_and_in_frontmatter(client):
    await wait_for_index(client)
    expected = [
        (ATTENTION, "transformers"),
        (TRANSFORMERS, "transformers"),
        (KV, "transformers"),
        (KV, "#transformers"),
    ]
    from_frontmatter = await references(client, ATTENTION, "transformers, concept", 2)
    assert sorted(from_frontmatter) == sorted(expected)
    from_inline = await references(client, KV, "#transformers", 3)
    assert sorted(from_inline) == sorted(expected)
    # Exact tags: 'ML' does not find the nested 'ML/attention'.
    ml = await references(client, TRANSFORMERS, "ML, transformers", 1)
    assert sorted(path for path, _ in ml) == sorted([ATTENTION, TRANSFORMERS, BROKEN])
    assert all(text == "ML" for _, text in ml)


async def test_no_references_for_a_note_nothing_links_to(client):
    await wait_for_index(client)
    assert await references(client, "Archive/Glossary.md", "An older list") == [
        (BROKEN, "[[Glossary]]")
    ]
    assert await references(client, "Projects/Glossary.md", "retrieval-augmented") == []
    assert await references(client, BROKEN, "[[Retrieval Tricks]]", 4) == []


# -- hover ---------------------------------------------------------------------------------


async def test_hover_on_a_link_shows_the_note(client):
    await wait_for_index(client)
    found = await hover(client, TRANSFORMERS, "[[Attention]]", 4)
    text = found.contents.value
    assert found.contents.kind == types.MarkupKind.Markdown
    assert "**Attention**" in text and ATTENTION in text
    assert "Attention lets each token weigh every other token" in text
    assert "Self-Attention" in text  # its aliases
    assert text_at(client, TRANSFORMERS, found.range) == "[[Attention]]"

    section = (await hover(client, TRANSFORMERS, "Multi-head attention]]", 3)).contents.value
    assert "Several heads run in parallel" in section
    assert "Further reading" not in section

    described = (await hover(client, KV, "[[Learning LLMs]]", 4)).contents.value
    assert "A plan for working through the fundamentals" in described


async def test_hover_on_a_tag_counts_its_notes(client):
    await wait_for_index(client)
    found = await hover(client, TRANSFORMERS, "ML, transformers", 1)
    assert found.contents.value.startswith("**#ML** — used in 3 notes")
    assert "#ML/attention (1 note)" in found.contents.value
    inline = await hover(client, KV, "#inference", 0)
    assert inline.contents.value.startswith("**#inference** — used in 1 note")
    assert text_at(client, KV, inline.range) == "#inference"


async def test_hover_explains_a_diagnostic(client):
    await wait_for_index(client)
    spelling = await hover(client, BROKEN, "behavior", 2)
    assert RULES["british-spelling"].summary in spelling.contents.value
    assert text_at(client, BROKEN, spelling.range) == "behavior"
    unresolved = await hover(client, BROKEN, "[[Retrieval Tricks]]", 4)
    assert RULES["link-unresolved"].summary in unresolved.contents.value


async def test_no_hover_on_plain_prose(client):
    await wait_for_index(client)
    open_note(client, ATTENTION)
    assert await hover(client, ATTENTION, "weigh every other token") is None
    assert await hover(client, LEARNING, "one topic a week") is None


# -- document links ------------------------------------------------------------------------


async def document_links(client, relative):
    return await ask(
        client.text_document_document_link_async(
            types.DocumentLinkParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri(client, relative))
            )
        )
    )


async def test_document_links_lead_to_resolved_notes_and_attachments(client):
    await wait_for_index(client)
    links = await document_links(client, LEARNING)
    targets = {text_at(client, LEARNING, link.range): link.target for link in links}
    assert targets == {
        "[[Build a Large Language Model]]": note_uri(
            client, "Books/Build a Large Language Model.md"
        ),
        "[[Transformers]]": note_uri(client, TRANSFORMERS),
        "[[Attention|How attention works]]": note_uri(client, ATTENTION),
        "![[attachments/diagram.png]]": note_uri(client, "attachments/diagram.png"),
    }


async def test_document_links_skip_unresolved_links(client):
    await wait_for_index(client)
    links = await document_links(client, BROKEN)
    texts = [text_at(client, BROKEN, link.range) for link in links]
    assert "[[Retrieval Tricks]]" not in texts
    assert texts == ["[[Transformers#Encoder models]]", "[[Glossary]]"]
    # A heading that resolves carries its line.
    kv = {text_at(client, KV, link.range): link.target for link in await document_links(client, KV)}
    assert kv["[[Transformers#Decoder-only models]]"].endswith("Transformers.md#L15")


# -- symbols -------------------------------------------------------------------------------


async def test_document_symbols_nest_by_level(client):
    await wait_for_index(client)
    symbols = await ask(
        client.text_document_document_symbol_async(
            types.DocumentSymbolParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri(client, ATTENTION))
            )
        )
    )
    assert [symbol.name for symbol in symbols] == ["Attention"]
    top = symbols[0]
    assert [child.name for child in top.children] == [
        "Scaled dot-product attention",
        "Multi-head attention",
        "Further reading",
    ]
    assert text_at(client, ATTENTION, top.selection_range) == "Attention"
    assert top.range.start.line == 6 and top.range.end == types.Position(28, 0)  # the end
    multi_head = top.children[1]
    assert (multi_head.range.start.line, multi_head.range.end.line) == (18, 21)


async def test_document_symbols_of_a_note_without_headings(client):
    await wait_for_index(client)
    add_note(client, "Notes/Plain.md", "Just a line.\n")
    symbols = await ask(
        client.text_document_document_symbol_async(
            types.DocumentSymbolParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri(client, "Notes/Plain.md"))
            )
        )
    )
    assert symbols == []


async def workspace_symbols(client, query):
    return await ask(client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query)))


async def test_workspace_symbols_are_fuzzy(client):
    await wait_for_index(client)
    found = await workspace_symbols(client, "atten")
    assert found[0].name == "Attention"
    assert found[0].kind == types.SymbolKind.File
    assert relative_of(client, found[0].location.uri) == ATTENTION
    names = [symbol.name for symbol in found]
    assert "Multi-head attention" in names
    heading = next(symbol for symbol in found if symbol.name == "Multi-head attention")
    assert heading.container_name == "Attention"
    assert text_at(client, ATTENTION, heading.location.range) == "Multi-head attention"
    # A typo still finds it; an alias finds its note.
    assert (await workspace_symbols(client, "tranformers"))[0].name == "Transformers"
    by_alias = await workspace_symbols(client, "LLMs from Scratch")
    assert by_alias[0].name == "Build a Large Language Model"


async def test_workspace_symbols_find_nothing_for_nonsense(client):
    await wait_for_index(client)
    assert await workspace_symbols(client, "qqxzv") == []


# -- multi-byte characters -----------------------------------------------------------------


async def test_ranges_after_emoji_are_in_the_client_encoding(client):
    await wait_for_index(client)
    add_note(client, EMOJI_NOTE, EMOJI_TEXT)
    encoding = client.encoding
    assert encoding == {"visual_studio_code": "utf-16", "neovim": "utf-8"}[client.profile]
    link_start = units("🧠🚀 Read ", encoding)
    assert link_start == (14 if encoding == "utf-8" else 10)

    found = (await definition(client, EMOJI_NOTE, "Multi-head", 2))[0]
    assert found.origin_selection_range.start == types.Position(2, link_start)
    assert text_at(client, EMOJI_NOTE, found.origin_selection_range) == (
        "[[Attention#Multi-head attention]]"
    )
    assert text_at(client, ATTENTION, found.target_selection_range) == "Multi-head attention"

    tag = await hover(client, EMOJI_NOTE, "#transformers", 4)
    assert text_at(client, EMOJI_NOTE, tag.range) == "#transformers"
    links = await document_links(client, EMOJI_NOTE)
    assert [text_at(client, EMOJI_NOTE, link.range) for link in links] == [
        "[[Attention#Multi-head attention]]"
    ]
    tags = await references(client, EMOJI_NOTE, "#transformers", 2)
    assert (EMOJI_NOTE, "#transformers") in tags
    heading = await references(client, ATTENTION, "## Multi-head attention", 5)
    assert (EMOJI_NOTE, "[[Attention#Multi-head attention]]") in heading
    symbols = await ask(
        client.text_document_document_symbol_async(
            types.DocumentSymbolParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri(client, EMOJI_NOTE))
            )
        )
    )
    assert text_at(client, EMOJI_NOTE, symbols[0].selection_range) == "Emoji 🧠"
