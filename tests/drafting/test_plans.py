"""Where a new draft, or a note for an unresolved link, goes in a vault."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from blog_lsp.drafting.errors import UnsafePathError
from blog_lsp.drafting.plans import plan_draft, plan_note
from blog_lsp.settings import Settings
from blog_lsp.vault.vault import Vault

LINKING = "Notes/Linking.md"


def linking_vault(root: Path) -> Vault:
    (root / "Notes").mkdir()
    (root / "Notes" / "Linking.md").write_text("[[Missing]]\n", encoding="utf-8")
    (root / "Notes" / "Existing.md").write_text("# Existing\n", encoding="utf-8")
    return Vault(root, Settings()).scanned()


def test_a_draft_goes_into_the_drafts_folder(tmp_path: Path) -> None:
    plan = plan_draft(Vault(tmp_path, Settings(drafts_folder="Blog/Drafts")), "CI/CD for ML")
    assert plan.path == tmp_path.resolve() / "Blog" / "Drafts" / "CI-CD for ML.md"
    assert (plan.relative, plan.stem) == ("Blog/Drafts/CI-CD for ML.md", "CI-CD for ML")
    assert not (tmp_path / "Blog").exists()


def test_a_draft_outside_the_vault_has_no_plan(tmp_path: Path) -> None:
    with pytest.raises(UnsafePathError):
        plan_draft(Vault(tmp_path, Settings(drafts_folder="../Elsewhere")), "Title")


@pytest.mark.parametrize(
    ("target", "relative"),
    [
        ("Missing", "Missing.md"),  # a plain name: the vault root, as Obsidian does
        ("Missing.md", "Missing.md"),
        ("notes/Missing", "Notes/Missing.md"),  # the existing folder, however it is spelt
        ("./Sibling", "Notes/Sibling.md"),  # relative to the linking note
        ("../Up", "Up.md"),
        ("lower case name", "lower case name.md"),  # kept as written: the link must resolve
        ("Na\u200bme", "Name.md"),  # no invisible format characters in a new filename
    ],
)
def test_a_note_for_a_link_goes_where_the_link_leads(
    tmp_path: Path, target: str, relative: str
) -> None:
    vault = linking_vault(tmp_path)
    assert plan_note(vault, LINKING, target) == tmp_path.resolve() / relative


@pytest.mark.parametrize(
    "target",
    [
        "Existing",  # already leads to a note: a second would take its links
        "../../Outside",  # out of the vault
        "diagram.png",  # an attachment
        ".hidden/Name",  # a hidden folder
        "What: Why",  # a character no filename holds: the link would not lead to the note
        "Folder/",  # no name
    ],
)
def test_a_note_without_a_safe_place_has_no_plan(tmp_path: Path, target: str) -> None:
    assert plan_note(linking_vault(tmp_path), LINKING, target) is None


# -- where Obsidian puts new notes (.obsidian/app.json) --------------------------------------


def with_app_settings(root: Path, text: str | bytes) -> Vault:
    vault = linking_vault(root)
    (root / ".obsidian").mkdir(exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    (root / ".obsidian" / "app.json").write_bytes(data)
    return vault


@pytest.mark.parametrize(
    ("settings", "relative"),
    [
        ('{"newFileLocation": "root"}', "Missing.md"),
        ('{"newFileLocation": "current"}', "Notes/Missing.md"),  # the linking note's folder
        ('{"newFileLocation": "folder", "newFileFolderPath": "Inbox"}', "Inbox/Missing.md"),
        (
            '{"newFileLocation": "folder", "newFileFolderPath": "Inbox/New/"}',
            "Inbox/New/Missing.md",
        ),
        ('{"newFileLocation": "folder", "newFileFolderPath": "notes"}', "Notes/Missing.md"),
        ('{"newFileLocation": "folder", "newFileFolderPath": "/"}', "Missing.md"),
        ('{"useMarkdownLinks": false}', "Missing.md"),  # Obsidian's default: the root
    ],
)
def test_a_new_note_goes_where_obsidian_puts_new_notes(
    tmp_path: Path, settings: str, relative: str
) -> None:
    vault = with_app_settings(tmp_path, settings)
    assert plan_note(vault, LINKING, "Missing") == tmp_path.resolve() / relative


@pytest.mark.parametrize(
    ("target", "relative"),
    [
        ("Projects/Missing", "Projects/Missing.md"),  # a link's own folder is kept
        ("./Sibling", "Notes/Sibling.md"),
        ("../Up", "Up.md"),
    ],
)
def test_a_link_with_a_folder_keeps_it_whatever_app_json_says(
    tmp_path: Path, target: str, relative: str
) -> None:
    settings = '{"newFileLocation": "folder", "newFileFolderPath": "Inbox"}'
    vault = with_app_settings(tmp_path, settings)
    assert plan_note(vault, LINKING, target) == tmp_path.resolve() / relative


@pytest.mark.parametrize(
    "settings",
    [
        b"{not json",
        b"\xff\xfe not UTF-8",
        b"[1, 2]",
        b'{"newFileLocation": "somewhere"}',
        b'{"newFileLocation": "folder"}',  # no folder given
        b'{"newFileLocation": "folder", "newFileFolderPath": "../Outside"}',
        b'{"newFileLocation": "folder", "newFileFolderPath": ".trash"}',
        b" " * (2 << 20),  # not Obsidian's settings, whatever it is
    ],
)
def test_bad_app_settings_put_new_notes_at_the_root_and_say_so(
    tmp_path: Path, settings: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    vault = with_app_settings(tmp_path, settings)
    with caplog.at_level(logging.WARNING, logger="blog_lsp.drafting.plans"):
        assert plan_note(vault, LINKING, "Missing") == tmp_path.resolve() / "Missing.md"
    assert caplog.records, "no log line says why"


def test_no_app_settings_put_new_notes_at_the_root(tmp_path: Path) -> None:
    vault = linking_vault(tmp_path)
    assert not (tmp_path / ".obsidian" / "app.json").exists()
    assert plan_note(vault, LINKING, "Missing") == tmp_path.resolve() / "Missing.md"
