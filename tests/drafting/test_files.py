"""Writing a new draft: into the drafts folder, never over a file, never outside the vault."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from safe_stems import assert_safe_stem

from blog_lsp.drafting.errors import DraftError, UnsafePathError
from blog_lsp.drafting.files import DraftExistsError, create_draft, write_new_file
from blog_lsp.drafting.naming import planned_draft_path
from blog_lsp.drafting.template import DraftSpec, render_draft

TODAY = datetime.date(2025, 12, 31)


# -- writing ---------------------------------------------------------------------------------


def test_create_draft_writes_into_the_drafts_folder(tmp_path: Path) -> None:
    path = create_draft(tmp_path, "Tweets", DraftSpec("Building Production RAG Systems", TODAY))
    assert path == tmp_path.resolve() / "Tweets" / "Building Production RAG Systems.md"
    assert path.read_text(encoding="utf-8") == render_draft(
        DraftSpec("Building Production RAG Systems", TODAY)
    )
    nested = create_draft(tmp_path, "Blog/Drafts/", DraftSpec("Nested", TODAY))
    assert nested == tmp_path.resolve() / "Blog" / "Drafts" / "Nested.md"


def test_create_draft_never_overwrites(tmp_path: Path) -> None:
    first = create_draft(tmp_path, "Tweets", DraftSpec("Same Title", TODAY))
    first.write_text("my precious words", encoding="utf-8")
    with pytest.raises(DraftExistsError) as raised:
        create_draft(tmp_path, "Tweets", DraftSpec("Same Title", TODAY))
    assert raised.value.path == first
    assert "already exists" in str(raised.value)
    assert first.read_text(encoding="utf-8") == "my precious words"


@pytest.mark.parametrize(
    ("on_disk", "title"),
    [
        ("same title", "Same Title"),  # case
        ("Cafe\u0301 Culture", "Caf\u00e9 Culture"),  # Unicode form: decomposed, as on macOS
    ],
)
def test_create_draft_refuses_a_name_that_differs_only_in_case_or_form(
    tmp_path: Path, on_disk: str, title: str
) -> None:
    (tmp_path / "Tweets").mkdir()
    existing = tmp_path / "Tweets" / f"{on_disk}.md"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(DraftExistsError):
        create_draft(tmp_path, "Tweets", DraftSpec(title, TODAY))
    assert existing.read_text(encoding="utf-8") == "mine"


def test_drafts_go_into_the_existing_folder_however_it_is_spelt(tmp_path: Path) -> None:
    (tmp_path / "Tweets").mkdir()
    (tmp_path / "Cafe\u0301s").mkdir()
    path = create_draft(tmp_path, "tweets", DraftSpec("Same Title", TODAY))
    assert path == tmp_path.resolve() / "Tweets" / "Same Title.md"
    nested = planned_draft_path(tmp_path, "CAF\u00c9S/New\u200b Folder", "Title")
    assert nested == tmp_path.resolve() / "Cafe\u0301s" / "New Folder" / "Title.md"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["Cafe\u0301s", "Tweets"]


def test_create_draft_does_not_follow_a_link_at_the_file(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    vault = tmp_path / "vault"
    (vault / "Tweets").mkdir(parents=True)
    os.symlink(outside, vault / "Tweets" / "Linked.md")  # a dangling link to outside
    with pytest.raises(DraftError):
        create_draft(vault, "Tweets", DraftSpec("Linked", TODAY))
    assert not outside.exists()


@pytest.mark.parametrize(
    "title", ["../../etc/passwd", "a/b\\c", "Tweets/../x", "/abs/path", "NUL", "x\x00y"]
)
def test_odd_titles_stay_in_the_drafts_folder(tmp_path: Path, title: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    path = create_draft(vault, "Tweets", DraftSpec(title, TODAY))
    assert path.parent == vault.resolve() / "Tweets"
    assert_safe_stem(path.stem)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault"]


@pytest.mark.parametrize("title", ["", "  ", "..", "...", "/../..", "\x00"])
def test_a_title_without_a_letter_or_digit_is_refused(tmp_path: Path, title: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    with pytest.raises(DraftError, match="title is empty"):
        create_draft(vault, "Tweets", DraftSpec(title, TODAY))
    assert list(vault.iterdir()) == []


@pytest.mark.parametrize("folder", ["../outside", "Tweets/../../outside", "/tmp/elsewhere", ".."])
def test_drafts_folder_outside_the_vault_is_refused(tmp_path: Path, folder: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    with pytest.raises(UnsafePathError) as raised:
        create_draft(vault, folder, DraftSpec("Title", TODAY))
    assert "vault" in str(raised.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault"]
    assert list(vault.iterdir()) == []


def test_drafts_folder_linked_outside_the_vault_is_refused(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    outside = tmp_path / "outside"
    vault.mkdir()
    outside.mkdir()
    os.symlink(outside, vault / "Tweets", target_is_directory=True)
    with pytest.raises(UnsafePathError):
        create_draft(vault, "Tweets", DraftSpec("Title", TODAY))
    with pytest.raises(UnsafePathError):
        planned_draft_path(vault, "Tweets", "Title")
    assert list(outside.iterdir()) == []


def test_a_vault_reached_through_a_link_is_fine(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    os.symlink(real, tmp_path / "link", target_is_directory=True)
    path = create_draft(tmp_path / "link", "Tweets", DraftSpec("Title", TODAY))
    assert path == real.resolve() / "Tweets" / "Title.md"


def test_a_missing_vault_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="does not exist"):
        create_draft(tmp_path / "nowhere", "Tweets", DraftSpec("Title", TODAY))


def test_errors_share_one_base() -> None:
    assert issubclass(DraftExistsError, DraftError)
    assert issubclass(UnsafePathError, DraftError)


def test_a_draft_whose_frontmatter_would_not_read_back_is_never_written(tmp_path, monkeypatch):
    import blog_lsp.drafting.template as template_module

    real_render = template_module.render_draft

    def broken_render(spec):
        return real_render(spec).replace("date: '", "date: ", 1).replace("'\n", "\n", 1)

    monkeypatch.setattr(template_module, "render_draft", broken_render)
    with pytest.raises(DraftError, match="read back"):
        create_draft(tmp_path, "Tweets", DraftSpec("A Title", datetime.date(2025, 1, 2)))
    assert not (tmp_path / "Tweets" / "A Title.md").exists()


# -- new notes -------------------------------------------------------------------------------


def test_write_new_file_writes_a_new_note(tmp_path: Path) -> None:
    path = tmp_path / "Notes" / "New.md"
    write_new_file(tmp_path, path, "# New\n")
    assert path.read_bytes() == b"# New\n"


def test_write_new_file_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "Mine.md"
    path.write_text("my precious words", encoding="utf-8")
    with pytest.raises(DraftError, match=r"A note already exists at 'Mine\.md'"):
        write_new_file(tmp_path, path, "# Mine\n")
    assert path.read_text(encoding="utf-8") == "my precious words"


def test_write_new_file_does_not_follow_a_folder_linked_outside(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    outside = tmp_path / "outside"
    vault.mkdir()
    outside.mkdir()
    os.symlink(outside, vault / "Notes", target_is_directory=True)
    with pytest.raises(DraftError, match="outside the vault"):
        write_new_file(vault, vault / "Notes" / "New.md", "# New\n")
    assert list(outside.iterdir()) == []
