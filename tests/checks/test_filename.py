"""The filename rules of drafts: each rule with a case that fires and one that does not."""

from __future__ import annotations

import pytest
from draft_notes import TUTORIAL, TUTORIAL_PATH, Drafting, draft, make_context, renamed, run

from blog_lsp.settings import Settings
from blog_lsp.text import START

# -- filename --------------------------------------------------------------------------------


def test_filename_too_long(context: Drafting) -> None:
    path = "Tweets/" + "Word " * 15 + "End.md"
    found = run(context, path, TUTORIAL, "filename-length")
    assert len(found) == 1
    assert found[0].range == START
    assert renamed(found[0]).name == "Serving LLMs with vLLM.md"
    assert renamed(found[0]).path == "Tweets/Serving LLMs with vLLM.md"


@pytest.mark.parametrize(
    "stem",
    [
        "Fine-tuning LLMs with LoRA",
        "Building Production RAG Systems",
        "Understanding Transformer Attention",
        "Why iPhone Apps Need vLLM and a pH Meter",
        "2024 in Review - What Changed for GPT-4o",
        "Cross-entropy from Scratch",
    ],
)
def test_filename_title_case_accepts(context: Drafting, stem: str) -> None:
    text = draft(title=stem).replace("# Serving LLMs with vLLM", f"# {stem}")
    assert run(context, f"Tweets/{stem}.md", text, "filename-title-case") == []


def test_filename_not_title_case(context: Drafting) -> None:
    text = draft(title="serving llms with vllm")
    found = run(context, "Tweets/serving llms with vllm.md", text, "filename-title-case")
    assert len(found) == 1
    assert renamed(found[0]).name == "Serving Llms with Vllm.md"
    # The suggestion keeps the title's own capitals.
    found = run(context, "Tweets/serving llms with vllm.md", TUTORIAL, "filename-title-case")
    assert renamed(found[0]).name == "Serving LLMs with vLLM.md"
    assert "'serving'" in found[0].message
    # Only the casing differs: the title still matches the filename.
    assert not run(context, "Tweets/serving llms with vllm.md", text, "filename-title-mismatch")


def test_filename_characters(context: Drafting) -> None:
    found = run(context, "Tweets/Serving LLMs: vLLM #1?.md", TUTORIAL, "filename-characters")
    assert len(found) == 1
    assert renamed(found[0]).name == "Serving LLMs with vLLM.md"  # the title's filename
    text = draft(title=None)
    found = run(context, "Tweets/Serving LLMs: vLLM #1?.md", text, "filename-characters")
    assert renamed(found[0]).name == "Serving LLMs vLLM 1.md"
    assert "#" in found[0].message and "?" in found[0].message
    assert run(context, TUTORIAL_PATH, TUTORIAL, "filename-characters") == []


def test_filename_title_mismatch(context: Drafting) -> None:
    found = run(context, "Tweets/Old Working Title.md", TUTORIAL, "filename-title-mismatch")
    assert len(found) == 1
    assert renamed(found[0]).name == "Serving LLMs with vLLM.md"
    assert "Old Working Title" in found[0].message


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("CI/CD for ML: A Primer", "CI-CD for ML A Primer"),
        ("CI/CD for ML: A Primer", "CI CD for ML - A Primer"),
        ("Serving LLMs with vLLM", "Serving-LLMs-with-vLLM"),
        (
            "Serving Large Language Models Cheaply with vLLM on One Consumer Graphics Card",
            "Serving Large Language Models Cheaply with vLLM on One",
        ),
        ("What's New in vLLM?", "Whats New in vLLM"),
    ],
)
def test_filename_matching_the_title(context: Drafting, title: str, stem: str) -> None:
    text = draft(title=f"'{title}'").replace("# Serving LLMs with vLLM", f"# {title}")
    assert run(context, f"Tweets/{stem}.md", text, "filename-title-mismatch") == []


def test_filename_cut_too_early_is_a_mismatch(context: Drafting) -> None:
    assert run(context, "Tweets/Serving LLMs.md", TUTORIAL, "filename-title-mismatch")
    title = "Serving Large Language Models Cheaply with vLLM on One Consumer Graphics Card"
    text = draft(title=title).replace("# Serving LLMs with vLLM", f"# {title}")
    assert run(context, "Tweets/Serving Large.md", text, "filename-title-mismatch")


# -- the suggested name in British spelling --------------------------------------------------

AMERICAN_TITLE = "How to Optimize RAG Pipelines for Better Behavior"
AMERICAN_TEXT = draft(title=AMERICAN_TITLE).replace(
    "# Serving LLMs with vLLM", f"# {AMERICAN_TITLE}"
)


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("Tweets/Old Working Title.md", "filename-title-mismatch"),
        ("Tweets/how to optimize rag.md", "filename-title-case"),
        ("Tweets/How to Optimize RAG #2.md", "filename-characters"),
    ],
)
def test_the_suggested_name_is_in_british_spelling(context: Drafting, path: str, code: str) -> None:
    (found,) = run(context, path, AMERICAN_TEXT, code)
    wanted = "How to Optimise RAG Pipelines for Better Behaviour.md"
    assert renamed(found).name == wanted
    assert f"rename it to '{wanted}'" in found.message


def test_a_filename_in_the_british_form_of_the_title_matches_it(context: Drafting) -> None:
    path = "Tweets/How to Optimise RAG Pipelines for Better Behaviour.md"
    assert run(context, path, AMERICAN_TEXT, "filename-title-mismatch") == []
    # The title's own spelling is still a match too; another title is not.
    path = "Tweets/How to Optimize RAG Pipelines for Better Behavior.md"
    assert run(context, path, AMERICAN_TEXT, "filename-title-mismatch") == []
    path = "Tweets/How to Optimise Something Else.md"
    assert run(context, path, AMERICAN_TEXT, "filename-title-mismatch")


def test_the_suggested_name_follows_the_spelling_mode(tmp_path) -> None:
    oxford = make_context(tmp_path, Settings(spelling_mode="oxford"))
    (found,) = run(oxford, "Tweets/Old Working Title.md", AMERICAN_TEXT, "filename-title-mismatch")
    # Oxford spelling keeps -ize; -our is British in every mode.
    assert renamed(found).name == "How to Optimize RAG Pipelines for Better Behaviour.md"
