"""The server's copy of an open document follows the LSP's rules, checked against an
independent model of the specification (``lsp_spec``) on hostile text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsp_spec import SpecDocument, line_starts
from lsprotocol import types

from blog_lsp.server.documents import Document, DocumentStore, document_key, fs_path
from blog_lsp.server.positions import PositionConverter

ENCODINGS = ["utf-16", "utf-8", "utf-32"]

# What pasted text brings: every character str.splitlines breaks at but LSP does not, all
# three line endings, astral emoji (two UTF-16 units), combining marks, a ZWJ sequence.
HOSTILE = [
    "\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e",
    "😀", "👩‍💻", "e\u0301", "\u0301", "é", "ß", "a", "b", " ", "color", "x",
]  # fmt: skip

texts = st.lists(st.sampled_from(HOSTILE), max_size=30).map("".join)


def _change(start: tuple[int, int], end: tuple[int, int], text: str):
    return types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(*start), types.Position(*end)), text=text
    )


positions = st.tuples(st.integers(0, 8), st.integers(0, 12))
edits = st.lists(st.tuples(positions, positions, texts), min_size=1, max_size=8)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(text=texts, edits=edits, encoding=st.sampled_from(ENCODINGS))
def test_random_edits_give_the_text_the_specification_gives(text, edits, encoding):
    """Positions past the end of a line or of the text, reversed ranges, edits inside a
    line holding U+2028: the server's copy ends as the model's does, edit after edit."""
    converter = PositionConverter(encoding)
    document = Document("file:///vault/note.md", 1, text)
    model = SpecDocument(text, encoding)
    for version, (start, end, new_text) in enumerate(edits, 2):
        # Clients send positions on character boundaries: move the model's there too.
        start, end = _on_boundary(model, start), _on_boundary(model, end)
        document = document.changed(version, [_change(start, end, new_text)], converter)
        model.replace(start, end, new_text)
        assert document.text == model.text
        assert document.version == version


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=texts, edits=edits, encoding=st.sampled_from(ENCODINGS))
def test_several_changes_in_one_notification_apply_in_order(text, edits, encoding):
    converter = PositionConverter(encoding)
    model = SpecDocument(text, encoding)
    changes = []
    for start, end, new_text in edits:
        start, end = _on_boundary(model, start), _on_boundary(model, end)
        changes.append(_change(start, end, new_text))
        model.replace(start, end, new_text)
    document = Document("file:///vault/note.md", 1, text).changed(2, changes, converter)
    assert document.text == model.text


def _on_boundary(model: SpecDocument, position: tuple[int, int]) -> tuple[int, int]:
    """The position, or the next character boundary when it falls inside a character's
    units (the middle of a surrogate pair or of a UTF-8 sequence): lines and characters
    past the end stay as they are, for the server to clamp."""
    from lsp_spec import units

    line, character = position
    lines = line_starts(model.text)
    if line >= len(lines):
        return position
    start, end = lines[line]
    counted = 0
    for index in range(start, end):
        if counted >= character:
            return line, counted
        counted += units(model.text[index], model.encoding)
    return line, max(character, counted)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_line_separator_is_not_a_line_break(encoding):
    """The issue's reproducer: U+2028 inside line 2 must not shift the edits below it."""
    text = (
        "# Sync Probe\n\nThe color is one.\u2028two.\nA behavior line.\nThe center of it.\n"
        "We optimize this.\nLast color line"
    )
    document = Document("file:///v/n.md", 1, text)
    changed = document.changed(2, [_change((4, 0), (4, 0), "color ")], PositionConverter(encoding))
    assert changed.text.split("\n")[4] == "color The center of it."
    assert changed.lines.line_count == 7


def test_past_the_end_of_a_crlf_line_inserts_before_its_line_ending():
    document = Document("file:///v/n.md", 1, "one\r\ntwo\r\n")
    changed = document.changed(2, [_change((0, 99), (0, 99), "!")], PositionConverter())
    assert changed.text == "one!\r\ntwo\r\n"


def test_past_the_end_of_a_last_line_without_newline_appends():
    document = Document("file:///v/n.md", 1, "one\ntwo")
    changed = document.changed(2, [_change((1, 99), (1, 99), "!")], PositionConverter())
    assert changed.text == "one\ntwo!"
    beyond = changed.changed(3, [_change((7, 0), (9, 3), "?")], PositionConverter())
    assert beyond.text == "one\ntwo!?"


def test_a_full_change_replaces_the_text():
    document = Document("file:///v/n.md", 1, "old")
    full = types.TextDocumentContentChangeWholeDocument(text="new\u2028text")
    assert document.changed(2, [full], PositionConverter()).text == "new\u2028text"


def test_the_store_finds_a_document_by_any_spelling_of_its_uri():
    store = DocumentStore()
    store.open(types.TextDocumentItem("file:///vault/My%20Post.md", "markdown", 1, "text"))
    assert store.get("file:///vault/My Post.md") is not None
    assert store.get("file:///vault/My%20Post.md").uri == "file:///vault/My%20Post.md"
    assert store.by_path("/vault/My Post.md") is not None
    assert store.close("file:///vault/My%20Post.md") is not None
    assert store.get("file:///vault/My Post.md") is None


def test_a_uri_holding_a_nul_byte_names_no_file():
    assert fs_path("file:///vault/a%00b.md") is None
    assert fs_path("untitled:Untitled-1") is None
    assert document_key("file:///vault/a%00b.md") == "file:///vault/a\x00b.md"


def test_a_change_to_a_document_that_is_not_open_is_ignored():
    store = DocumentStore()
    params = types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri="file:///v/x.md", version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="x")],
    )
    assert store.change(params, PositionConverter()) is None
    assert len(store) == 0


# -- end to end: the editor's text and the server's stay the same ----------------------------

PROBE = (
    "# Sync Probe\n\nThe color is one.\u2028two.\nA behavior line.\nThe center of it.\n"
    "We optimize this.\nLast color line"
)


async def test_edits_below_a_line_separator_keep_diagnostics_and_fixes_in_place(client):
    """The issue's reproducer through a real client: after an edit below U+2028, every
    British-spelling diagnostic covers its American word, and fix-all changes only those."""
    import asyncio

    from lsp_client import diagnostics_for, open_note
    from lsp_edits import apply_text_edits

    (client.vault / "Notes/Sync Probe.md").write_text(PROBE, encoding="utf-8")
    note_uri = open_note(client, "Notes/Sync Probe.md", PROBE)
    model = SpecDocument(PROBE, client.encoding)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=note_uri, version=2),
            content_changes=[_change((4, 0), (4, 0), "color ")],
        )
    )
    model.replace((4, 0), (4, 0), "color ")
    found = await diagnostics_for(
        client,
        note_uri,
        version=2,
        until=lambda found: sum(d.code == "british-spelling" for d in found) == 6,
    )
    for diagnostic in found:
        if diagnostic.code == "british-spelling":
            start, end = diagnostic.range.start, diagnostic.range.end
            covered = model.text_in((start.line, start.character), (end.line, end.character))
            assert covered in ("color", "behavior", "center", "optimize"), covered

    result = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri),
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
            )
        ),
        15,
    )
    (fix_all,) = result
    edits = [
        edit
        for change in fix_all.edit.document_changes or []
        if isinstance(change, types.TextDocumentEdit)
        for edit in change.edits
    ] or list((fix_all.edit.changes or {}).get(note_uri, []))
    assert apply_text_edits(model.text, edits, client.encoding) == (
        "# Sync Probe\n\nThe colour is one.\u2028two.\nA behaviour line.\n"
        "colour The centre of it.\nWe optimise this.\nLast colour line"
    )
