"""The draft template: filenames for titles, Title Case, YAML quoting and safe writing."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
import yaml

from blog_lsp.checks import CheckContext
from blog_lsp.checks.framework import draft_checks
from blog_lsp.settings import Settings
from blog_lsp.template import (
    UNTITLED,
    DraftError,
    DraftExistsError,
    UnsafePathError,
    create_draft,
    draft_tags,
    filename_for_title,
    find_similar_drafts,
    is_title_case,
    obsidian_tag,
    planned_draft_path,
    render_draft,
    similar_drafts,
    title_case,
    truncate_at_word,
    yaml_scalar,
)
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault

TODAY = datetime.date(2025, 12, 31)
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10))}
WINDOWS_RESERVED |= {f"LPT{n}" for n in range(10)}


def frontmatter_of(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)])


def assert_safe_stem(stem: str, max_length: int = 60) -> None:
    assert stem and stem not in (".", "..")
    assert len(stem) <= max_length
    assert not set(stem) & set('\\/:*?"<>|#^[]')
    assert all(ord(ch) >= 0x20 and not 0x7F <= ord(ch) < 0xA0 for ch in stem)
    assert stem == stem.strip(" .-")
    assert stem.split(".")[0].strip().upper() not in WINDOWS_RESERVED


# -- Title Case ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Fine-tuning LLMs with LoRA",
        "Building Production RAG Systems",
        "Understanding Transformer Attention",
        "A Guide to iPhone Models and vLLM",
        "Measuring pH with x86 and bf16 Kernels",
        "2025 in Review",
        "Why Attention Is All You Need",
        "🚀 Launching Models at Scale",
    ],
)
def test_title_case_accepts(text: str) -> None:
    assert is_title_case(text)
    assert title_case(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fine-tuning LLMs with LoRA", "Fine-tuning LLMs with LoRA"),
        ("building production rag systems", "Building Production Rag Systems"),
        ("the state of the art", "The State of the Art"),
        ("why (and when) to quantise", "Why (and When) to Quantise"),
        ("a primer: what is attention?", "A Primer: What Is Attention?"),
    ],
)
def test_title_case_fixes(text: str, expected: str) -> None:
    assert not is_title_case(text)
    assert title_case(text) == expected
    assert is_title_case(expected)


def test_title_case_never_lowers_letters() -> None:
    assert title_case("Serving With vLLM And RAG") == "Serving With vLLM And RAG"


# -- filenames -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Fine-tuning LLMs with LoRA", "Fine-tuning LLMs with LoRA"),
        ("CI/CD for ML: a primer", "CI-CD for ML a Primer"),
        ("What is LoRA?", "What Is LoRA"),
        ("Attention -- all of it", "Attention - All of It"),
        ("  spaced   out  ", "Spaced Out"),
        ('Q&A: "quotes" <tags> |pipes|', "Q&A Quotes Tags Pipes"),
    ],
)
def test_filename_for_title(title: str, stem: str) -> None:
    assert filename_for_title(title) == stem


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "a/b\\c",
        "NUL",
        "con",
        "con.tar",
        "Com1",
        "lpt9.backup",
        "Hello\x00World",
        "x" * 300,
        "word " * 100,
        "???",
        "",
        "...",
        "..",
        ".",
        "🚀 emoji 🎉 title ✨",
        "...hidden draft",
        "Tweets/../..",
        "line\nbreak\ttab\x7fdelete\x85next",
        "- leading dash",
        "trailing dots...",
        "é" * 100,
        "😀" * 100,
    ],
)
def test_filename_for_odd_titles_is_safe(title: str) -> None:
    stem = filename_for_title(title)
    assert_safe_stem(stem)
    assert len((stem + ".md").encode("utf-8")) <= 255


def test_filename_for_specific_odd_titles() -> None:
    assert filename_for_title("../../etc/passwd") == "Etc-passwd"
    assert filename_for_title("a/b\\c") == "A-b-c"
    assert filename_for_title("NUL") == "NUL Draft"
    assert filename_for_title("con") == "Con Draft"
    assert filename_for_title("con.tar") == "Con Draft.tar"
    assert filename_for_title("Hello\x00World") == "HelloWorld"
    assert filename_for_title("???") == UNTITLED
    assert filename_for_title("") == UNTITLED
    assert filename_for_title("..") == UNTITLED
    assert filename_for_title("...hidden draft") == "Hidden Draft"
    assert filename_for_title("Tweets/../..") == "Tweets"
    assert filename_for_title("x" * 300) == "X" + "x" * 59


@pytest.mark.parametrize(
    "invisible", ["\u202e", "\u202d", "\u200b", "\u200e", "\u200f", "\u2066", "\u2069", "\ufeff"]
)
def test_filenames_hold_no_bidi_or_invisible_format_characters(invisible: str) -> None:
    # 'Invoice \u202egnp.exe' shows as 'Invoice exe.png'.
    assert filename_for_title(f"Invoice {invisible}gnp.exe") == "Invoice Gnp.exe"
    assert filename_for_title(f"Ca{invisible}f\u00e9") == "Caf\u00e9"


def test_filenames_are_composed() -> None:
    assert filename_for_title("Cafe\u0301 Culture") == "Caf\u00e9 Culture"


def test_filename_cut_at_a_word_boundary() -> None:
    title = "Serving Large Language Models Cheaply with vLLM on One Consumer Graphics Card"
    stem = filename_for_title(title)
    assert stem == "Serving Large Language Models Cheaply with vLLM on One"
    assert len(stem) <= 60
    assert filename_for_title(title, max_length=20) == "Serving Large"


def test_truncate_at_word() -> None:
    assert truncate_at_word("alpha beta gamma", 10) == "alpha beta"
    assert truncate_at_word("alpha beta gamma", 11) == "alpha beta"
    assert truncate_at_word("alpha-beta gamma", 8) == "alpha"
    assert truncate_at_word("abcdefghij", 4) == "abcd"
    assert truncate_at_word("short", 60) == "short"


def test_filename_keeps_under_the_byte_limit() -> None:
    stem = filename_for_title("😀 " * 200, max_length=500)
    assert len(stem.encode("utf-8")) <= 240


# -- YAML and tags ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "RAG: a primer",
        "C# for ML",
        "Tags #are #not #comments",
        'It\'s "quoted"',
        "'single'",
        '"double"',
        "- leading dash",
        "[bracketed] title",
        "{braced}",
        "yes",
        "null",
        "2025-12-31",
        "3.14",
        "0o17",
        "@mention and `code`",
        "? question",
        "! bang",
        "% percent",
        "& anchor",
        "* alias",
        "| pipe",
        "> fold",
        "trailing colon:",
        "Ünïcödé 🚀 title",
        "back\\slash",
    ],
)
def test_titles_round_trip_through_yaml(title: str) -> None:
    text = render_draft(title, today=TODAY)
    assert frontmatter_of(text)["title"] == title
    assert f"\n# {title}\n" in text or title.endswith("#")


@pytest.mark.parametrize("value", ["a: b", "x\ny", "tab\there", " lead", "trail ", "", "’curly’"])
def test_yaml_scalar_round_trips(value: str) -> None:
    assert yaml.safe_load(f"k: {yaml_scalar(value)}") == {"k": value}


def test_yaml_scalar_is_plain_when_safe() -> None:
    assert yaml_scalar("Fine-tuning LLMs with LoRA") == "Fine-tuning LLMs with LoRA"
    assert yaml_scalar("Fast, cheap, good") == "Fast, cheap, good"
    assert yaml_scalar("Fast, cheap", flow=True) == "'Fast, cheap'"


def test_tags_are_sanitised() -> None:
    assert obsidian_tag("#ML") == "ML"
    assert obsidian_tag("fine tuning") == "fine-tuning"
    assert obsidian_tag("2024") is None
    assert obsidian_tag("c++") == "c"
    assert obsidian_tag("###") is None
    assert draft_tags(["ML", "#blog", "ml", "LLM", "", "Blog"]) == ["blog", "ML", "LLM"]


def test_tags_in_the_frontmatter_round_trip() -> None:
    text = render_draft("X", today=TODAY, tags=["yes", "0x1F", "ML", "how-to", "a/b"])
    assert frontmatter_of(text)["tags"] == ["blog", "yes", "0x1F", "ML", "how-to", "a/b"]
    assert "**Tags**: #yes #0x1F #ML #how-to #a/b\n" in text


# -- the template ----------------------------------------------------------------------------


def test_render_draft_shape() -> None:
    text = render_draft(
        "Fine-tuning LLMs with LoRA",
        today=TODAY,
        tags=["ML", "LLM"],
        description="Learn how to fine-tune LLMs with LoRA.",
    )
    assert frontmatter_of(text) == {
        "type": "Blog",
        "title": "Fine-tuning LLMs with LoRA",
        "date": "2025-12-31",
        "tags": ["blog", "ML", "LLM"],
        "description": "Learn how to fine-tune LLMs with LoRA.",
        "status": "draft",
    }
    assert "\ndate: '2025-12-31'\n" in text
    assert "\ntags: [blog, ML, LLM]\n" in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Fine-tuning LLMs with LoRA",
        "## Introduction",
        "## Main Section 1",
        "## Main Section 2",
        "## Conclusion",
    ]
    assert "\n---\n\n**Related**: " in text
    assert text.endswith("**Tags**: #ML #LLM\n")


def test_placeholders_are_not_prose() -> None:
    note = parse_note("Tweets/X.md", render_draft("X", today=TODAY))
    assert note.prose is not None
    assert "Hook" not in note.prose and "hook" not in note.prose
    assert "Related note" not in note.prose


def test_a_new_draft_only_asks_for_what_the_writer_must_fill_in(tmp_path: Path) -> None:
    path = create_draft(
        tmp_path,
        "Tweets",
        "Fine-tuning LLMs with LoRA",
        today=TODAY,
        tags=["ML"],
        description="Learn how to fine-tune large language models with LoRA on one GPU, with code.",
    )
    vault = Vault(tmp_path, Settings()).scanned()
    relative = vault.relative(path)
    note = vault.load(relative)
    codes = [item.code for check in draft_checks() for item in check(note, CheckContext(vault))]
    assert codes == ["structure-related"]  # the related notes are the writer's to choose


def test_a_draft_without_description_asks_for_one(tmp_path: Path) -> None:
    text = render_draft("Fine-tuning LLMs with LoRA", today=TODAY)
    vault = Vault(tmp_path, Settings()).with_text("Tweets/Fine-tuning LLMs with LoRA.md", text)
    note = parse_note("Tweets/Fine-tuning LLMs with LoRA.md", text)
    found = [item for check in draft_checks() for item in check(note, CheckContext(vault))]
    assert sorted(item.code for item in found) == ["frontmatter-field-missing", "structure-related"]
    assert found[0].data["field"] == "description"


def test_title_ending_in_hash_keeps_its_hash_in_the_heading() -> None:
    text = render_draft("Why We Love C #", today=TODAY)
    assert "\n# Why We Love C \\#\n" in text
    note = parse_note("Tweets/Why We Love C.md", text)
    assert note.headings[0].text == "Why We Love C \\#"


# -- writing ---------------------------------------------------------------------------------


def test_create_draft_writes_into_the_drafts_folder(tmp_path: Path) -> None:
    path = create_draft(tmp_path, "Tweets", "Building Production RAG Systems", today=TODAY)
    assert path == tmp_path.resolve() / "Tweets" / "Building Production RAG Systems.md"
    assert path.read_text(encoding="utf-8") == render_draft(
        "Building Production RAG Systems", today=TODAY
    )
    nested = create_draft(tmp_path, "Blog/Drafts/", "Nested", today=TODAY)
    assert nested == tmp_path.resolve() / "Blog" / "Drafts" / "Nested.md"


def test_planned_path_writes_nothing(tmp_path: Path) -> None:
    path = planned_draft_path(tmp_path, "Tweets", "CI/CD for ML")
    assert path == tmp_path.resolve() / "Tweets" / "CI-CD for ML.md"
    assert not (tmp_path / "Tweets").exists()


def test_create_draft_never_overwrites(tmp_path: Path) -> None:
    first = create_draft(tmp_path, "Tweets", "Same Title", today=TODAY)
    first.write_text("my precious words", encoding="utf-8")
    with pytest.raises(DraftExistsError) as raised:
        create_draft(tmp_path, "Tweets", "Same Title", today=TODAY)
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
        create_draft(tmp_path, "Tweets", title, today=TODAY)
    assert existing.read_text(encoding="utf-8") == "mine"


def test_drafts_go_into_the_existing_folder_however_it_is_spelt(tmp_path: Path) -> None:
    (tmp_path / "Tweets").mkdir()
    (tmp_path / "Cafe\u0301s").mkdir()
    path = create_draft(tmp_path, "tweets", "Same Title", today=TODAY)
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
        create_draft(vault, "Tweets", "Linked", today=TODAY)
    assert not outside.exists()


@pytest.mark.parametrize(
    "title", ["../../etc/passwd", "a/b\\c", "Tweets/../x", "/abs/path", "NUL", "x\x00y"]
)
def test_odd_titles_stay_in_the_drafts_folder(tmp_path: Path, title: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    path = create_draft(vault, "Tweets", title, today=TODAY)
    assert path.parent == vault.resolve() / "Tweets"
    assert_safe_stem(path.stem)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault"]


@pytest.mark.parametrize("title", ["", "  ", "..", "...", "/../..", "\x00"])
def test_a_title_without_a_letter_or_digit_is_refused(tmp_path: Path, title: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    with pytest.raises(DraftError, match="title is empty"):
        create_draft(vault, "Tweets", title, today=TODAY)
    assert list(vault.iterdir()) == []


@pytest.mark.parametrize("folder", ["../outside", "Tweets/../../outside", "/tmp/elsewhere", ".."])
def test_drafts_folder_outside_the_vault_is_refused(tmp_path: Path, folder: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    with pytest.raises(UnsafePathError) as raised:
        create_draft(vault, folder, "Title", today=TODAY)
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
        create_draft(vault, "Tweets", "Title", today=TODAY)
    with pytest.raises(UnsafePathError):
        planned_draft_path(vault, "Tweets", "Title")
    assert list(outside.iterdir()) == []


def test_a_vault_reached_through_a_link_is_fine(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    os.symlink(real, tmp_path / "link", target_is_directory=True)
    path = create_draft(tmp_path / "link", "Tweets", "Title", today=TODAY)
    assert path == real.resolve() / "Tweets" / "Title.md"


def test_a_missing_vault_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="does not exist"):
        create_draft(tmp_path / "nowhere", "Tweets", "Title", today=TODAY)


def test_errors_share_one_base() -> None:
    assert issubclass(DraftExistsError, DraftError)
    assert issubclass(UnsafePathError, DraftError)


# -- similar drafts --------------------------------------------------------------------------


def test_similar_drafts(tmp_path: Path) -> None:
    create_draft(tmp_path, "Tweets", "Building Production RAG Systems", today=TODAY)
    create_draft(tmp_path, "Tweets", "Understanding Transformer Attention", today=TODAY)
    (tmp_path / "Notes").mkdir()
    (tmp_path / "Notes" / "RAG.md").write_text("---\ntitle: Building Production RAG Systems\n---\n")
    vault = Vault(tmp_path, Settings()).scanned()
    assert similar_drafts(vault, "building production RAG systems!") == [
        "Tweets/Building Production RAG Systems.md"
    ]
    assert similar_drafts(vault, "Serving Diffusion Models") == []
    found = find_similar_drafts(vault, "Systems: Building Production RAG", threshold=95)
    assert [(item.title, round(item.score)) for item in found] == [
        ("Building Production RAG Systems", 100)
    ]
    assert find_similar_drafts(vault, "???") == []


def test_a_draft_whose_frontmatter_would_not_read_back_is_never_written(tmp_path, monkeypatch):
    import blog_lsp.template as template_module

    real_render = template_module.render_draft

    def broken_render(title, **kwargs):
        return real_render(title, **kwargs).replace("date: '", "date: ", 1).replace("'\n", "\n", 1)

    monkeypatch.setattr(template_module, "render_draft", broken_render)
    with pytest.raises(template_module.DraftError, match="read back"):
        template_module.create_draft(tmp_path, "Tweets", "A Title", today=datetime.date(2025, 1, 2))
    assert not (tmp_path / "Tweets" / "A Title.md").exists()
