"""Planning a rename without a server: what the cursor is on, the new name, the edits of every
link, and the refusals (a RenameError with a message)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from test_backlinks import SavedNotes

from blog_lsp.cursor.at_position import thing_at
from blog_lsp.text import Range
from blog_lsp.vault.model import BlockId, Heading, Link, Note
from blog_lsp.vault.rename import (
    NO_FILE_RENAMES,
    NOTHING_HERE,
    HeadingRename,
    NoteEdit,
    NoteRename,
    RenameError,
    clean_heading,
    clean_note_name,
    heading_edits,
    note_edits,
    rename_edits,
    what_to_rename,
)
from blog_lsp.vault.vault import Vault

POST = "# Post\n\n[[Attention]], [[Notes/Attention#Heads|the heads]] and [x](Notes/Attention.md).\n"


def test_new_names_are_checked():
    assert clean_note_name("  New Name.md ") == "New Name"
    for bad in ("", "  ", "a/b", "a:b", "a#b", "[[a]]", ".hidden", "a\nb"):
        with pytest.raises(RenameError):
            clean_note_name(bad)
    assert clean_heading("  Two   words ") == "Two words"
    for bad in ("", "a|b", "a#b", "^x"):
        with pytest.raises(RenameError):
            clean_heading(bad)


def _vault(tmp_path) -> Vault:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "Notes").mkdir()
    (tmp_path / "Notes" / "Attention.md").write_text(
        "# Attention\n\n## Heads\n\n## Layers\n\nSee [[#Heads]].\n"
    )
    (tmp_path / "Notes" / "Taken.md").write_text("# Taken\n")
    (tmp_path / "Post.md").write_text(POST)
    (tmp_path / "Refusals.md").write_text("# Refusals\n\n[[Missing]] #ml and text. ^block\n")
    return Vault.open(tmp_path)


def _applied(source: SavedNotes, edits: list[NoteEdit]) -> dict[str, str]:
    """Each edited note's text after its edits."""
    texts: dict[str, str] = {}
    for path in {path for path, _, _ in edits}:
        note = source.note(path)
        assert note.text is not None and note.lines is not None
        text = note.text
        mine = sorted((edit for edit in edits if edit[0] == path), key=lambda edit: edit[1])
        for _, where, new_text in reversed(mine):
            start, end = note.lines.offset(where.start), note.lines.offset(where.end)
            text = text[:start] + new_text + text[end:]
        texts[path] = text
    return texts


def test_a_note_rename_rewrites_every_link_in_its_own_form_and_the_title(tmp_path):
    source = SavedNotes(_vault(tmp_path))
    edits, new_path = note_edits(source, "Notes/Attention.md", "Focus")
    assert new_path == "Notes/Focus.md"
    texts = _applied(source, edits)
    assert texts["Post.md"] == (
        "# Post\n\n[[Focus]], [[Notes/Focus#Heads|the heads]] and [x](Notes/Focus.md).\n"
    )
    assert texts["Notes/Attention.md"].startswith("# Focus\n")


def test_bare_links_get_the_path_when_a_shorter_note_has_the_new_name(tmp_path):
    _vault(tmp_path)
    (tmp_path / "Z").mkdir()
    (tmp_path / "Z" / "Focus.md").write_text("# Focus\n")
    (tmp_path / "Meant.md").write_text("# Meant\n\n[[Focus]]\n")
    source = SavedNotes(Vault.open(tmp_path))
    edits, _ = note_edits(source, "Notes/Attention.md", "Focus")
    texts = _applied(source, edits)
    assert texts["Post.md"].startswith("# Post\n\n[[Notes/Focus]], ")
    assert "Meant.md" not in texts  # still leads to Z/Focus.md, the shortest path
    assert source.vault.resolve("Focus", "Meant.md").path == "Z/Focus.md"


def test_a_note_is_never_renamed_onto_an_existing_file(tmp_path):
    source = SavedNotes(_vault(tmp_path))
    with pytest.raises(RenameError, match=r"'Notes/taken\.md' already exists"):
        note_edits(source, "Notes/Attention.md", "taken")
    edits, new_path = note_edits(source, "Notes/Attention.md", "attention")  # case only
    assert new_path == "Notes/attention.md" and edits


def test_a_heading_rename_follows_every_link_to_it_and_refuses_a_clash(tmp_path):
    source = SavedNotes(_vault(tmp_path))
    target = source.note("Notes/Attention.md")
    heads = target.headings[1]
    texts = _applied(source, heading_edits(source, target, heads, "Many heads"))
    assert "[[Notes/Attention#Many heads|the heads]]" in texts["Post.md"]
    assert "## Many heads\n" in texts["Notes/Attention.md"]
    assert "[[#Many heads]]" in texts["Notes/Attention.md"]
    plan = HeadingRename(target, heads, heads.text_range, heads.text)
    with pytest.raises(RenameError, match="already has a heading 'Layers'"):
        rename_edits(source, plan, "layers")
    assert rename_edits(source, plan, " Heads ") == ([], None)


def test_renaming_to_the_same_name_changes_nothing(tmp_path):
    source = SavedNotes(_vault(tmp_path))
    plan = NoteRename("Notes/Attention.md", Range.on_line(0, 2, 11), "Attention")
    assert rename_edits(source, plan, "Attention.md") == ([], None)
    edits, new_path = rename_edits(source, plan, "Focus")
    assert new_path == "Notes/Focus.md" and edits


@dataclass(frozen=True)
class Followed:
    path: str
    note: Note | None
    anchor: Heading | BlockId | None


def _plan(vault: Vault, source: SavedNotes, relative: str, needle: str, files: bool = True):
    note = source.note(relative)
    assert note.text is not None and note.lines is not None
    position = note.lines.position(note.text.index(needle))  # at the needle's start

    def follow(link: Link) -> Followed | None:
        path = vault.resolve(link.target, relative).path
        if path is None:
            return None
        target = source.note(path)
        anchor = vault.find_subpath(target, link.subpath) if link.subpath else None
        return Followed(path, target, anchor)

    return what_to_rename(thing_at(note, position), note, position, follow, files)


def test_what_the_cursor_is_on_as_something_to_rename(tmp_path):
    vault = _vault(tmp_path)
    source = SavedNotes(vault)
    plan = _plan(vault, source, "Post.md", "Attention]]")
    assert isinstance(plan, NoteRename) and plan.path == "Notes/Attention.md"
    plan = _plan(vault, source, "Post.md", "Heads|")
    assert isinstance(plan, HeadingRename) and plan.placeholder == "Heads"
    plan = _plan(vault, source, "Notes/Attention.md", "Attention\n")
    assert isinstance(plan, NoteRename) and plan.placeholder == "Attention"


@pytest.mark.parametrize(
    ("needle", "files", "message"),
    [
        ("the heads", True, "This is the link's display text"),
        ("], [[Notes", True, "Put the cursor on the link's target"),
        ("Missing", True, "No note called 'Missing' in the vault"),
        ("ml and", True, "Tags cannot be renamed yet"),
        ("block", True, "Block ids cannot be renamed."),
        ("and text", True, NOTHING_HERE),
        ("Refusals\n", False, NO_FILE_RENAMES),
    ],
)
def test_refusals_say_why(tmp_path, needle, files, message):
    vault = _vault(tmp_path)
    source = SavedNotes(vault)
    relative = "Post.md" if needle in POST else "Refusals.md"
    with pytest.raises(RenameError) as refused:
        _plan(vault, source, relative, needle, files)
    assert refused.value.message.startswith(message)
    assert str(refused.value) == refused.value.message
