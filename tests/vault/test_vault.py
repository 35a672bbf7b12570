"""The vault: root discovery, what is skipped, link resolution, bad files."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from hostile_notes import finishes, release_reader

from blog_lsp.settings import Settings
from blog_lsp.vault.files import find_root, read_note_file
from blog_lsp.vault.index import IndexEntry
from blog_lsp.vault.vault import Vault, normalise_heading


def test_root_is_the_nearest_folder_with_dot_obsidian(make_vault):
    root = make_vault({"a/b/Note.md": "x", "a/.blog-lsp.toml": ""})
    assert find_root(root / "a" / "b" / "Note.md") == root
    assert find_root(root / "a" / "b") == root


def test_root_falls_back_to_the_config_file_then_the_folder(tmp_path: Path):
    (tmp_path / "v" / "sub").mkdir(parents=True)
    (tmp_path / "v" / ".blog-lsp.toml").write_text("")
    assert find_root(tmp_path / "v" / "sub") == tmp_path / "v"
    (tmp_path / "plain").mkdir()
    assert find_root(tmp_path / "plain") == tmp_path / "plain"


def test_an_obsidian_file_is_not_a_vault_marker_and_is_named_once(tmp_path: Path, caplog):
    (tmp_path / "outer" / ".obsidian").mkdir(parents=True)
    inner = tmp_path / "outer" / "inner"
    (inner / "sub").mkdir(parents=True)
    (inner / ".obsidian").write_text("not a folder")
    with caplog.at_level(logging.WARNING, logger="blog_lsp"):
        assert find_root(inner / "sub") == tmp_path / "outer"  # as if the file were absent
        assert find_root(inner) == tmp_path / "outer"
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1, warnings  # the server finds roots again and again: once
    assert str(inner / ".obsidian") in warnings[0] and "is not a folder" in warnings[0]


def test_an_obsidian_folder_gives_no_warning(make_vault, caplog):
    root = make_vault({"Note.md": "x"})
    with caplog.at_level(logging.WARNING, logger="blog_lsp"):
        assert find_root(root) == root
    assert caplog.records == []


def test_skipped_folders_hidden_files_and_ignore_globs(make_vault):
    root = make_vault(
        {
            "Note.md": "x",
            ".obsidian/workspace.md": "x",
            ".trash/Old.md": "x",
            ".git/x.md": "x",
            "node_modules/pkg/README.md": "x",
            ".hidden/Secret.md": "x",
            ".dotfile.md": "x",
            "Templates/Template.md": "x",
            "Drafts/keep.md": "x",
            "Drafts/skip.tmp.md": "x",
        }
    )
    vault = Vault(root, Settings(ignore=["Templates", "**/*.tmp.md"])).scanned()
    assert sorted(vault.notes) == ["Drafts/keep.md", "Note.md"]


def test_config_is_read_from_the_vault_root(make_vault):
    root = make_vault({"Posts/A.md": "x", ".blog-lsp.toml": 'drafts_folder = "Posts"\n'})
    vault = Vault.open(root / "Posts")
    assert vault.settings.drafts_folder == "Posts"
    assert vault.is_draft(vault.notes["Posts/A.md"])


def test_bad_config_is_reported_and_defaults_stay(make_vault, caplog):
    root = make_vault({".blog-lsp.toml": 'drafts_folder = 3\nunknown_key = "x"\n'})
    with caplog.at_level(logging.WARNING):
        vault = Vault.open(root)
    assert vault.settings.drafts_folder == "Tweets"
    messages = [problem.message for problem in vault.setting_problems]
    assert any("drafts_folder" in m and "text" in m for m in messages)
    assert any("unknown_key" in m for m in messages)
    assert [p.line for p in vault.setting_problems] == [0, 1]


def test_a_note_with_type_blog_outside_the_drafts_folder_is_a_draft(make_vault):
    root = make_vault({"Elsewhere.md": "---\ntype: Blog\n---\n", "Plain.md": "x"})
    vault = Vault.open(root)
    assert vault.is_draft(vault.notes["Elsewhere.md"])
    assert not vault.is_draft(vault.notes["Plain.md"])


@pytest.fixture
def linked_vault(make_vault) -> Vault:
    root = make_vault(
        {
            "Notes/Attention.md": "# Attention\n## Multi-head: attention\nText ^blk\n",
            "Notes/Deep/Attention.md": "# Deep attention\n",
            "Other Note.md": "# Other\n",
            "Books/Book Title.md": "x",
            "Notes/Sub/Here.md": "x",
            "img/diagram.png": b"\x89PNG\r\n",
        }
    )
    return Vault.open(root)


@pytest.mark.parametrize(
    ("target", "from_path", "expected"),
    [
        ("other note", "x.md", "Other Note.md"),
        ("Other Note.md", "x.md", "Other Note.md"),
        ("OTHER NOTE", "x.md", "Other Note.md"),
        ("Books/Book Title", "x.md", "Books/Book Title.md"),
        ("book title", "x.md", "Books/Book Title.md"),
        ("Deep/Attention", "x.md", "Notes/Deep/Attention.md"),
        ("/Notes/Deep/Attention", "x.md", "Notes/Deep/Attention.md"),
        ("./Here", "Notes/Sub/A.md", "Notes/Sub/Here.md"),
        ("../Attention", "Notes/Sub/A.md", "Notes/Attention.md"),
        ("diagram.png", "x.md", "img/diagram.png"),
        ("img/diagram.png", "x.md", "img/diagram.png"),
        ("", "Notes/Attention.md", "Notes/Attention.md"),
    ],
)
def test_links_resolve_as_obsidian_does(linked_vault, target, from_path, expected):
    assert linked_vault.resolve(target, from_path).path == expected


@pytest.mark.parametrize(
    ("target", "from_path"),
    [("Missing", "x.md"), ("../../outside", "Notes/x.md"), ("Other/Note", "x.md"), ("x.png", "a")],
)
def test_unresolvable_links(linked_vault, target, from_path):
    assert linked_vault.resolve(target, from_path).path is None


def test_several_matches_take_the_shortest_path_and_are_ambiguous(linked_vault):
    resolution = linked_vault.resolve("Attention", "x.md")
    assert resolution.path == "Notes/Attention.md"
    assert resolution.ambiguous
    assert resolution.candidates == ("Notes/Attention.md", "Notes/Deep/Attention.md")
    assert not linked_vault.resolve("Other Note", "x.md").ambiguous


NFC_CAFE, NFD_CAFE = "Caf\u00e9", "Cafe\u0301"  # the same name, composed and decomposed


@pytest.mark.parametrize("stored", [NFC_CAFE, NFD_CAFE])  # macOS often stores names as NFD
@pytest.mark.parametrize(
    "target",
    [
        NFC_CAFE,
        NFD_CAFE,
        f"{NFD_CAFE.upper()}.md",
        f"Places/{NFD_CAFE}",
        f"./{NFD_CAFE}",
        f"Places/{NFC_CAFE} Menu.pdf",
        f"{NFD_CAFE} menu.PDF",
    ],
)
def test_composed_and_decomposed_names_are_the_same_note(tmp_path, stored, target):
    vault = Vault(tmp_path, Settings()).with_text(f"Places/{stored}.md", "# Caf\u00e9\n")
    vault = vault.with_entry(IndexEntry(f"Places/{stored} Menu.pdf", attachment=True))
    resolution = vault.resolve(target, "Places/Note.md")
    expected = f"Places/{stored} Menu.pdf" if target.lower().endswith(".pdf") else None
    assert resolution.path == (expected or f"Places/{stored}.md")  # as spelt on disk
    assert not resolution.ambiguous
    vault = vault.without(f"Places/{stored}.md")
    assert vault.resolve(NFC_CAFE, "x.md").path is None


def test_names_that_only_look_alike_do_not_match(tmp_path):
    vault = Vault(tmp_path, Settings()).with_text("Cafe.md", "x")
    assert vault.resolve(NFC_CAFE, "x.md").path is None  # an accent is not a look-alike
    assert vault.resolve("Cafe", "x.md").path == "Cafe.md"


@pytest.mark.parametrize(
    ("subpath", "found"),
    [
        ("Multi-head attention", True),
        ("multi-head: attention", True),
        ("Attention#Multi-head attention", True),
        ("^blk", True),
        ("^BLK", True),
        ("Missing heading", False),
        ("^nope", False),
    ],
)
def test_headings_and_blocks(linked_vault, subpath, found):
    note = linked_vault.notes["Notes/Attention.md"]
    assert (linked_vault.find_subpath(note, subpath) is not None) is found


def test_normalised_heading_ignores_case_and_link_forbidden_characters():
    assert normalise_heading("Step 1: Install  the [Tools]") == "step 1 install the tools"


def test_editor_text_replaces_the_disk_copy_and_removal_updates_the_index(linked_vault):
    vault = linked_vault.with_text("Other Note.md", "# Other\n## New heading\n")
    note = vault.notes["Other Note.md"]
    assert vault.find_subpath(note, "New heading") is not None
    assert linked_vault.find_subpath(linked_vault.notes["Other Note.md"], "New heading") is None
    vault = vault.without("Other Note.md")
    assert vault.resolve("Other Note", "x.md").path is None
    vault = vault.with_text("Renamed.md", "x")
    assert vault.resolve("renamed", "x.md").path == "Renamed.md"


# -- bad files: a finding or a logged skip, never an exception ---------------------------


def test_binary_file_is_skipped_with_a_logged_reason(make_vault, caplog):
    root = make_vault({"Binary.md": b"\x89PNG\x00\x00\x01binary", "Good.md": "x"})
    with caplog.at_level(logging.INFO, logger="blog_lsp"):
        vault = Vault.open(root)
    assert "Binary.md" not in vault.notes
    assert "NUL" in vault.skipped["Binary.md"]
    assert any("Binary.md" in record.getMessage() for record in caplog.records)


def test_non_utf8_file_becomes_a_problem_finding(make_vault):
    root = make_vault({"Latin.md": "caf\u00e9 na\u00efve".encode("latin-1")})
    vault = Vault.open(root)
    code, message = vault.notes["Latin.md"].problem
    assert code == "file-encoding"
    assert "0xe9" in message
    assert vault.load("Latin.md").problem[0] == "file-encoding"


def test_empty_file_is_a_note_without_anything(make_vault):
    vault = Vault.open(make_vault({"Empty.md": ""}))
    note = vault.load("Empty.md")
    assert note.frontmatter is None and note.headings == [] and note.prose == ""


def test_file_over_the_size_limit_is_reported_not_parsed(make_vault):
    big = "word " * 2_100_000  # about 10 MB
    vault = Vault.open(make_vault({"Huge.md": big}))
    code, message = vault.notes["Huge.md"].problem
    assert code == "file-too-large"
    assert "max_file_size" in message


def test_a_large_file_under_a_raised_limit_is_parsed(make_vault):
    root = make_vault({"Big.md": "# Heading\n" + "text with a #tag\n" * 200_000})
    vault = Vault(root, Settings(max_file_size=20_000_000)).scanned()
    note = vault.notes["Big.md"]
    assert note.problem is None and len(note.tags) == 200_000


def test_unreadable_file_is_skipped(make_vault, monkeypatch):
    import blog_lsp.vault.files as vault_module

    root = make_vault({"Locked.md": "x", "Open.md": "y"})
    real_open = vault_module.os.open

    def refuse(path, flags, *args):
        if str(path).endswith("Locked.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(vault_module.os, "open", refuse)
    vault = Vault.open(root)
    assert "Permission denied" in vault.skipped["Locked.md"]
    assert "Open.md" in vault.notes


def test_an_unreadable_folder_is_named_in_one_warning(make_vault, refuse_folder, caplog):
    root = make_vault({"Open.md": "x", "Private/Secret.md": "y", "Private/Deeper/More.md": "z"})
    refuse_folder("Private")
    with caplog.at_level(logging.INFO, logger="blog_lsp"):
        vault = Vault.open(root)
    assert sorted(vault.notes) == ["Open.md"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == [
        "cannot read the folder Private: Permission denied; the notes in it are not checked"
    ]


def test_vocabulary_counts_notes_not_occurrences(make_vault):
    vault = Vault.open(make_vault({"A.md": "zorblax zorblax", "B.md": "zorblax", "C.md": "quux"}))
    assert vault.vocabulary()["zorblax"] == 2
    assert vault.used_elsewhere("zorblax", vault.notes["A.md"])
    assert not vault.used_elsewhere("quux", vault.notes["C.md"])


def test_tag_counts_cover_frontmatter_and_inline_tags(make_vault):
    vault = Vault.open(make_vault({"A.md": "---\ntags: [ml]\n---\n#ml #ai", "B.md": "#ml/deep"}))
    assert vault.tag_counts() == {"ml": 2, "ai": 1, "ml/deep": 1}


# -- hostile files: pipes, devices and loops are skipped with a reason, never read --------------


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges")


@needs_fifo
def test_a_named_pipe_is_skipped_without_waiting_for_a_writer(make_vault, caplog):
    root = make_vault({"Good.md": "# Good\n"})
    os.mkfifo(root / "x.md")
    vault = Vault(root)
    with caplog.at_level(logging.INFO, logger="blog_lsp"):
        vault = finishes(vault.scanned, unblock=lambda: release_reader(root / "x.md"))
    assert "named pipe" in vault.skipped["x.md"]
    assert "x.md" not in vault.notes and "Good.md" in vault.notes
    assert any("x.md" in record.getMessage() for record in caplog.records)
    note = finishes(lambda: vault.load("x.md"), unblock=lambda: release_reader(root / "x.md"))
    assert note.text is None and "named pipe" in note.problem[1]


@needs_symlinks
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_a_device_is_skipped_not_read(make_vault):
    root = make_vault({"Good.md": "# Good\n"})
    os.symlink("/dev/zero", root / "zero.md")
    vault = Vault(root, Settings(max_file_size=50_000_000)).scanned()
    assert "device" in vault.skipped["zero.md"]
    assert "zero.md" not in vault.notes
    result = read_note_file(root / "zero.md", 50_000_000)
    assert result.text is None and result.problem is None and "device" in result.skipped


def test_a_folder_is_not_read_as_a_note(make_vault):
    root = make_vault({"Folder.md/Inside.md": "# Inside\n"})
    assert "folder" in read_note_file(root / "Folder.md", 1000).skipped
    assert set(Vault.open(root).notes) == {"Folder.md/Inside.md"}


@needs_symlinks
def test_a_symlink_loop_is_skipped_with_its_reason(make_vault):
    root = make_vault({"Good.md": "# Good\n"})
    os.symlink("b.md", root / "a.md")
    os.symlink("a.md", root / "b.md")
    vault = Vault.open(root)
    assert set(vault.skipped) == {"a.md", "b.md"}
    assert "symbolic links" in vault.skipped["a.md"]
    assert set(vault.notes) == {"Good.md"}
    assert vault.load("a.md").text is None


@needs_symlinks
def test_folder_symlinks_are_not_followed_so_loops_end(make_vault):
    root = make_vault({"Sub/Note.md": "# Note\n", "Top.md": "# Top\n"})
    os.symlink(".", root / "Loop")
    os.symlink("..", root / "Sub" / "Back")
    os.symlink(root / "Sub", root / "Alias of Sub")
    vault = finishes(lambda: Vault.open(root))
    assert set(vault.notes) == {"Sub/Note.md", "Top.md"}


def test_editor_text_over_the_size_limit_is_refused_as_the_file_would_be(make_vault):
    root = make_vault({"Big.md": "small\n"})
    vault = Vault(root, Settings(max_file_size=100)).scanned()
    text = "The color. " * 20  # 220 bytes
    for note in (vault.load("Big.md", text), vault.with_text("Big.md", text).notes["Big.md"]):
        assert note.text is None and note.headings == []
        code, message = note.problem
        assert code == "file-too-large" and "220 bytes" in message
    # Bytes count, not characters: 40 'é' are 80 bytes in UTF-8.
    assert vault.load("Big.md", "\u00e9" * 40).problem is None
    assert vault.load("Big.md", "\u00e9" * 60).problem[0] == "file-too-large"


def test_settings_read_again_say_whether_the_index_must_be_built_again(tmp_path: Path) -> None:
    from blog_lsp.vault.vault import open_vault

    (tmp_path / ".blog-lsp.toml").write_text('drafts_folder = "Tweets"\n', encoding="utf-8")
    (tmp_path / "Note.md").write_text("Text.\n", encoding="utf-8")
    vault = Vault.open(tmp_path)
    same = vault.reload_settings()
    assert not same.rescan and same.vault.index is vault.index

    severity = vault.reload_settings({"rules": {"spelling": "off"}})
    assert not severity.rescan and severity.vault.settings.rules == {"spelling": "off"}

    (tmp_path / ".blog-lsp.toml").write_text('drafts_folder = "Posts"\n', encoding="utf-8")
    moved = vault.reload_settings()
    assert moved.rescan and moved.vault.settings.drafts_folder == "Posts"
    # The folder of a lone note is no vault: its config file is not read.
    lone = open_vault(tmp_path, own_settings=False)
    assert lone.settings.drafts_folder != "Posts" and lone.setting_problems == ()
