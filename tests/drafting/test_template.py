"""The draft template: its shape, its frontmatter reading back, and what it leaves to fill in."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from blog_lsp.checks import CheckContext
from blog_lsp.checks.framework import draft_checks
from blog_lsp.drafting.files import create_draft
from blog_lsp.drafting.template import (
    DESCRIPTION_PLACEHOLDER,
    DraftSpec,
    render_draft,
    still_to_write,
)
from blog_lsp.settings import Settings
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault

TODAY = datetime.date(2025, 12, 31)


def frontmatter_of(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)])


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
    text = render_draft(DraftSpec(title, TODAY))
    assert frontmatter_of(text)["title"] == title
    assert f"\n# {title}\n" in text or title.endswith("#")


def test_tags_in_the_frontmatter_round_trip() -> None:
    text = render_draft(DraftSpec("X", TODAY, tags=["yes", "0x1F", "ML", "how-to", "a/b"]))
    assert frontmatter_of(text)["tags"] == ["blog", "yes", "0x1F", "ML", "how-to", "a/b"]
    assert "**Tags**: #yes #0x1F #ML #how-to #a/b\n" in text


# -- the template ----------------------------------------------------------------------------


def test_render_draft_shape() -> None:
    text = render_draft(
        DraftSpec(
            "Fine-tuning LLMs with LoRA",
            TODAY,
            tags=["ML", "LLM"],
            description="Learn how to fine-tune LLMs with LoRA.",
        )
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
    note = parse_note("Tweets/X.md", render_draft(DraftSpec("X", TODAY)))
    assert note.prose is not None
    assert "Hook" not in note.prose and "hook" not in note.prose
    assert "Related note" not in note.prose


def test_a_new_draft_only_asks_for_what_the_writer_must_fill_in(tmp_path: Path) -> None:
    path = create_draft(
        tmp_path,
        "Tweets",
        DraftSpec(
            "Fine-tuning LLMs with LoRA",
            TODAY,
            tags=["ML"],
            description=(
                "Learn how to fine-tune large language models with LoRA on one GPU, with code."
            ),
        ),
    )
    vault = Vault(tmp_path, Settings()).scanned()
    relative = vault.relative(path)
    note = vault.load(relative)
    codes = [item.code for check in draft_checks() for item in check(note, CheckContext(vault))]
    assert codes == ["structure-related"]  # the related notes are the writer's to choose


def test_a_draft_without_description_asks_for_one(tmp_path: Path) -> None:
    text = render_draft(DraftSpec("Fine-tuning LLMs with LoRA", TODAY))
    assert frontmatter_of(text)["description"] == DESCRIPTION_PLACEHOLDER
    vault = Vault(tmp_path, Settings()).with_text("Tweets/Fine-tuning LLMs with LoRA.md", text)
    note = parse_note("Tweets/Fine-tuning LLMs with LoRA.md", text)
    found = [item for check in draft_checks() for item in check(note, CheckContext(vault))]
    # One thing to do about the description, not an empty field nor its length and wording.
    assert sorted(item.code for item in found) == [
        "seo-description-placeholder",
        "structure-related",
    ]
    placeholder = next(item for item in found if item.code == "seo-description-placeholder")
    assert placeholder.data["field"] == "description"
    assert placeholder.message.startswith("Fill in the description")


def test_what_a_new_draft_leaves_to_write() -> None:
    bare = still_to_write(DraftSpec("Title", TODAY))
    assert [item.split(" (")[0].split(",")[0] for item in bare] == [
        "the description",
        "the topic tags",
        "the Introduction",
        "the Related line: wiki-links to related notes",
    ]
    given = still_to_write(DraftSpec("Title", TODAY, tags=["ML"], description="Learn it."))
    assert not any("description" in item or "tags" in item for item in given)


def test_title_ending_in_hash_keeps_its_hash_in_the_heading() -> None:
    text = render_draft(DraftSpec("Why We Love C #", TODAY))
    assert "\n# Why We Love C \\#\n" in text
    note = parse_note("Tweets/Why We Love C.md", text)
    assert note.headings[0].text == "Why We Love C \\#"
