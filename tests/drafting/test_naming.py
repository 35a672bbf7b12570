"""Names for drafts: Title Case, filenames for titles, tags and planned paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from safe_stems import assert_safe_stem

from blog_lsp.drafting.naming import (
    UNTITLED,
    draft_tags,
    filename_for_title,
    is_title_case,
    long_title_refusal,
    obsidian_tag,
    planned_draft_path,
    shortened_title,
    title_case,
    truncate_at_word,
)

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


# -- tags ----------------------------------------------------------------------------------


def test_tags_are_sanitised() -> None:
    assert obsidian_tag("#ML") == "ML"
    assert obsidian_tag("fine tuning") == "fine-tuning"
    assert obsidian_tag("2024") is None
    assert obsidian_tag("c++") == "c"
    assert obsidian_tag("###") is None
    assert draft_tags(["ML", "#blog", "ml", "LLM", "", "Blog"]) == ["blog", "ML", "LLM"]


# -- planned paths -------------------------------------------------------------------------


def test_planned_path_writes_nothing(tmp_path: Path) -> None:
    path = planned_draft_path(tmp_path, "Tweets", "CI/CD for ML")
    assert path == tmp_path.resolve() / "Tweets" / "CI-CD for ML.md"
    assert not (tmp_path / "Tweets").exists()


# -- titles too long for search results ------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "shortened"),
    [
        # A subtitle goes first, when the main title keeps its key words.
        (
            "Fine-tuning LLMs with LoRA: A Practical Guide to Parameter-Efficient Training",
            "Fine-tuning LLMs with LoRA",
        ),
        (
            "Caching Embeddings - Why Your Retrieval Pipeline Needs It More Than You Think",
            "Caching Embeddings",
        ),
        # Else a cut at a word, without the small word it would end on.
        (
            "How to Optimise Retrieval-Augmented Generation Pipelines for Production Workloads",
            "How to Optimise Retrieval-Augmented Generation Pipelines",
        ),
        # A main title of one key word is no title: the cut keeps more.
        (
            "RAG: How to Optimise Retrieval-Augmented Generation Pipelines for Production",
            "RAG: How to Optimise Retrieval-Augmented Generation",
        ),
        # Within the limit, a title is kept as it is (cleaned).
        ("Serving  LLMs with vLLM", "Serving LLMs with vLLM"),
    ],
)
def test_a_long_title_is_shortened_at_a_word(title: str, shortened: str) -> None:
    assert shortened_title(title, 60) == shortened
    assert len(shortened) <= 60


def test_a_title_of_one_long_word_cannot_be_shortened() -> None:
    assert shortened_title("Supercalifragilistic" * 4, 60) is None
    refusal = long_title_refusal("Supercalifragilistic" * 4, 60)
    assert refusal is not None and refusal.endswith("Give it a shorter title.")


def test_a_title_over_the_limit_is_refused_with_the_limit_named() -> None:
    title = "How to Optimise Retrieval-Augmented Generation Pipelines for Production Workloads"
    assert long_title_refusal(title, 60) == (
        f"The title has {len(title)} characters; search engines cut titles after 60 "
        "(seo-title-length), so no draft was created. A shorter title that keeps its first "
        "words: 'How to Optimise Retrieval-Augmented Generation Pipelines'."
    )
    assert long_title_refusal("x" * 60, 60) is None
    assert long_title_refusal("x" * 61, 60) is not None
