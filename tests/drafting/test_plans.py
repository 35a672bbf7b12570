"""Where a new draft, or a note for an unresolved link, goes in a vault."""

from __future__ import annotations

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
