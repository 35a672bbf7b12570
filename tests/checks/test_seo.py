"""The SEO rules of drafts: each rule with a case that fires and one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from draft_notes import TUTORIAL, TUTORIAL_PATH, Drafting, draft, make_context, run

from blog_lsp.checks.seo import stem
from blog_lsp.settings import Settings
from blog_lsp.text import Range

# -- SEO -------------------------------------------------------------------------------------


def test_description_too_long(context: Drafting) -> None:
    long = "Learn how to " + "tune models " * 14
    found = run(context, TUTORIAL_PATH, draft(description=long), "seo-description-length")
    assert len(found) == 1
    assert str(len(long.strip())) in found[0].message
    assert found[0].range.start == Range.on_line(5, 13, 13).start
    assert run(context, TUTORIAL_PATH, TUTORIAL, "seo-description-length") == []


def test_description_too_short(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, draft(description="Learn vLLM."), "seo-description-short")
    assert len(found) == 1 and "11" in found[0].message
    assert run(context, TUTORIAL_PATH, TUTORIAL, "seo-description-short") == []


@pytest.mark.parametrize(
    "description",
    [
        "This post explains how to serve large language models with vLLM and paged attention.",
        "Learning to serve large language models with vLLM and paged attention, step by step.",
    ],
)
def test_description_without_an_action_word(context: Drafting, description: str) -> None:
    found = run(context, TUTORIAL_PATH, draft(description=description), "seo-description-action")
    assert len(found) == 1
    assert description.split()[0] in found[0].message


@pytest.mark.parametrize(
    "description",
    [
        "learn how to serve large language models with vLLM and paged attention, step by step.",
        "'Fine-tune large language models on one GPU with LoRA: a practical guide with code.'",
        "Discover how paged attention lets vLLM serve more requests on the same hardware.",
    ],
)
def test_description_with_an_action_word(context: Drafting, description: str) -> None:
    assert run(context, TUTORIAL_PATH, draft(description=description)) == []


def test_action_words_come_from_the_settings(tmp_path: Path) -> None:
    context = make_context(tmp_path, Settings(action_words=["Read"]))
    assert run(context, TUTORIAL_PATH, TUTORIAL, "seo-description-action")


def test_title_too_long(context: Drafting) -> None:
    title = "Serving Large Language Models with vLLM on a Single Consumer GPU"
    text = draft(title=title).replace("# Serving LLMs with vLLM", f"# {title}")
    found = run(context, "Tweets/Serving Large Language Models with vLLM on a Single.md", text)
    assert [item.code for item in found] == ["seo-title-length"]
    assert "64" in found[0].message
    assert run(context, TUTORIAL_PATH, TUTORIAL, "seo-title-length") == []


# -- the description's topic -------------------------------------------------------------------


@pytest.mark.parametrize(
    "description",
    [
        # A key word of the title, as written or in another form.
        "Learn how vLLM packs more requests onto one GPU with paged attention and batching.",
        "Learn how to serve large language models quickly and cheaply on a single card.",
        "Discover the serving stack that packs more requests onto one card, step by step.",
        # An acronym of the title spelled out, or a tag.
        "Learn how large language models answer more requests on one card, step by step.",
        "Learn where the time of inference goes, and how to win it back on one card.",
    ],
)
def test_description_that_names_the_topic(context: Drafting, description: str) -> None:
    text = draft(description=description)
    assert run(context, TUTORIAL_PATH, text, "seo-description-topic") == []


def test_description_that_names_no_topic(context: Drafting) -> None:
    # 'tutorial' is one of the tags, but it says what kind of post this is, not its topic.
    description = "Learn how to get far more out of the one card you have, in a short tutorial."
    (found,) = run(context, TUTORIAL_PATH, draft(description=description), "seo-description-topic")
    assert found.range.start.line == 5
    assert "'Serving', 'LLMs', 'vLLM', 'LLM'" in found.message
    assert found.fixes == ()


def test_small_words_of_the_title_do_not_count(context: Drafting) -> None:
    # 'with' and 'how' are in both, and are no topic.
    text = draft(title="How to Cook with Rice", description="Learn how to work with what you have.")
    text = text.replace("tags: [blog, LLM, inference, tutorial]", "tags: [blog]")
    assert len(run(context, TUTORIAL_PATH, text, "seo-description-topic")) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("models", "Model"),
        ("optimisation", "Optimize"),
        ("caching", "cache"),
        ("embeddings", "embedded"),
        ("Transformers", "transformer"),
        ("libraries", "library"),
    ],
)
def test_forms_of_a_word_share_a_stem(one: str, other: str) -> None:
    assert stem(one) == stem(other)


def test_other_words_keep_their_stems_apart() -> None:
    assert len({stem(word) for word in ("attention", "retrieval", "process", "analysis")}) == 4


# -- a description still to write ------------------------------------------------------------

DESCRIPTION_RULES = (
    "seo-description-placeholder",
    "seo-description-length",
    "seo-description-short",
    "seo-description-action",
    "seo-description-topic",
    "frontmatter-field-missing",
)


def description_findings(context: Drafting, description: str) -> list[str]:
    found = run(context, TUTORIAL_PATH, draft(description=description))
    return [item.code for item in found if item.code in DESCRIPTION_RULES]


@pytest.mark.parametrize(
    "description",
    [
        "'TODO: a summary for search results'",  # what `blog-lsp new` writes
        "TODO",
        "'TBD: later'",
        "FIXME",
        "'{Brief SEO summary - under 160 characters}'",  # the spec's, written as text
    ],
)
def test_a_placeholder_description_is_one_thing_to_fill_in(
    context: Drafting, description: str
) -> None:
    # Not also too short, without an action word or a topic: one finding, one thing to do.
    assert description_findings(context, description) == ["seo-description-placeholder"]
    (found,) = run(context, TUTORIAL_PATH, draft(description=description), DESCRIPTION_RULES[0])
    assert found.message == (
        "Fill in the description: a summary of the post for search results, 70 to 160 "
        "characters, starting with an action word such as 'Learn', 'Discover', 'Master'."
    )


@pytest.mark.parametrize(
    "description",
    [
        "Todo apps, built with vLLM: learn how a list becomes a service.",
        "Learn what TODOs in vLLM's code say about serving large language models.",
        "Learn how to serve large language models fast with vLLM {and cheaply}.",
    ],
)
def test_a_written_description_is_no_placeholder(context: Drafting, description: str) -> None:
    assert "seo-description-placeholder" not in description_findings(context, description)


def test_an_empty_description_is_still_a_missing_field(context: Drafting) -> None:
    assert description_findings(context, "") == ["frontmatter-field-missing"]
