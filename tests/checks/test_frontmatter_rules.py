"""The frontmatter rules of drafts (checks/frontmatter.py; the parser's tests are in
tests/vault/test_frontmatter.py): each rule with a case that fires and one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from draft_notes import (
    TUTORIAL,
    TUTORIAL_PATH,
    Drafting,
    draft,
    inserted,
    make_context,
    run,
    suggested,
)

from blog_lsp.settings import Settings
from blog_lsp.text import START, Range

# -- frontmatter -----------------------------------------------------------------------------


def test_frontmatter_missing(context: Drafting) -> None:
    found = run(context, "Tweets/Some Idea.md", "# Some Idea\n\nText.\n", "frontmatter-missing")
    assert len(found) == 1
    assert found[0].range == START
    assert "title: Some Idea" in inserted(found[0]).text
    assert inserted(found[0]).text.startswith("---\ntype: Blog\n")
    # No other frontmatter rule piles on.
    codes = {item.code for item in run(context, "Tweets/Some Idea.md", "# Some Idea\n")}
    assert not {code for code in codes if code.startswith(("frontmatter-", "seo-"))} - {
        "frontmatter-missing"
    }


def test_invalid_frontmatter_is_left_to_frontmatter_invalid(context: Drafting) -> None:
    text = draft(title="'unclosed")
    found = run(context, TUTORIAL_PATH, text)
    assert not [item for item in found if item.code.startswith(("frontmatter-", "seo-"))]
    unclosed = "---\ntype: Blog\ntitle: x\n\n# x\n"
    found = run(context, "Tweets/X.md", unclosed)
    assert not [item for item in found if item.code.startswith(("frontmatter-", "seo-"))]


def test_field_missing(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, draft(status=None), "frontmatter-field-missing")
    assert [item.data["field"] for item in found] == ["status"]
    assert found[0].range == Range.on_line(0, 0, 3)
    assert inserted(found[0]).text == "status: draft"
    assert inserted(found[0]).line == 6  # the closing '---', once the status line is gone
    assert found[0].fix is None
    assert "'status'" in found[0].message


def test_field_empty(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, draft(description="''"), "frontmatter-field-missing")
    assert [item.data["field"] for item in found] == ["description"]
    assert found[0].range == Range.on_line(5, 0, 11)
    # Empty fields are not also judged by the other rules.
    assert not run(context, TUTORIAL_PATH, draft(description="''"), "seo-description-short")


def test_field_emptied_by_a_yaml_comment_says_why(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, draft(tags="#blog #LLM"), "frontmatter-field-missing")
    assert [item.data["field"] for item in found] == ["tags"]
    assert "comment" in found[0].message


def test_required_fields_come_from_the_settings(tmp_path: Path) -> None:
    context = make_context(tmp_path, Settings(required_fields=["title", "series"]))
    found = run(context, TUTORIAL_PATH, draft(status=None), "frontmatter-field-missing")
    assert [item.data["field"] for item in found] == ["series"]


@pytest.mark.parametrize(
    ("value", "fix"), [("Post", "Blog"), ("blog", "Blog"), ("'post'", "'Blog'"), ('"x"', '"Blog"')]
)
def test_type_not_blog(context: Drafting, value: str, fix: str) -> None:
    found = run(context, TUTORIAL_PATH, draft(type=value), "frontmatter-type")
    assert len(found) == 1
    assert found[0].fix == fix
    assert found[0].range == Range.on_line(1, 6, 6 + len(value))


def test_type_blog_and_unfixable_type(context: Drafting) -> None:
    assert run(context, TUTORIAL_PATH, draft(type="'Blog'"), "frontmatter-type") == []
    found = run(context, TUTORIAL_PATH, draft(type="[Blog, Post]"), "frontmatter-type")
    assert len(found) == 1 and found[0].fix is None


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        ("2025-12-31", "'2025-12-31'"),  # YAML reads a date object
        ("'31/12/2025'", "'2025-12-31'"),  # day first, unambiguous
        ("'12/31/2025'", "'2025-12-31'"),  # month first, unambiguous
        ("'2025-2-3'", "'2025-02-03'"),
        ("2025-2-3", "'2025-02-03'"),  # plain, and a string for YAML
        ("'2025/12/31'", "'2025-12-31'"),
        ("'31 December 2025'", "'2025-12-31'"),
        ("'Dec 31, 2025'", "'2025-12-31'"),
        ('" 2025-12-31 "', "'2025-12-31'"),
    ],
)
def test_date_with_a_certain_fix(context: Drafting, value: str, fix: str) -> None:
    found = run(context, TUTORIAL_PATH, draft(date=value), "frontmatter-date")
    assert len(found) == 1, found
    assert found[0].fix == fix
    assert found[0].range == Range.on_line(3, 6, 6 + len(value))


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("'03/04/2025'", "could mean"),
        ("'2025-02-30'", "not a real day"),
        ("'soon'", "not a date"),
        ("2025-12-31 10:30:00", "time"),
        ("true", "not a date"),
    ],
)
def test_date_without_a_certain_fix(context: Drafting, value: str, words: str) -> None:
    found = run(context, TUTORIAL_PATH, draft(date=value), "frontmatter-date")
    assert len(found) == 1
    assert found[0].fix is None
    assert words in found[0].message


def test_date_quoted_iso_is_fine(context: Drafting) -> None:
    assert run(context, TUTORIAL_PATH, draft(date="'2024-02-29'"), "frontmatter-date") == []
    assert run(context, TUTORIAL_PATH, draft(date='"2024-02-29"'), "frontmatter-date") == []


def test_tags_flow_list_without_blog(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, draft(tags="[ML, LLM]"), "frontmatter-tags")
    assert len(found) == 1
    assert found[0].fix == "[blog, ML, LLM]"
    assert found[0].range == Range.on_line(4, 6, 15)
    assert run(context, TUTORIAL_PATH, draft(tags="[]"), "frontmatter-tags") == []


def test_tags_block_list_without_blog_gives_an_insert(context: Drafting) -> None:
    text = draft(tags="\n  - ML\n  - LLM")
    found = run(context, TUTORIAL_PATH, text, "frontmatter-tags")
    assert len(found) == 1
    assert found[0].fix is None
    assert inserted(found[0]).text == "  - blog"
    assert inserted(found[0]).line == 5
    # Only the insert is offered: rewriting the list would drop what its lines hold.
    assert [fix.title for fix in found[0].fixes] == ["Add the 'blog' tag"]


def test_tags_flow_list_over_lines_without_blog_gives_a_new_list(context: Drafting) -> None:
    text = draft(tags="[ML,\n  LLM]")
    found = run(context, TUTORIAL_PATH, text, "frontmatter-tags")
    assert len(found) == 1 and found[0].fix is None
    assert suggested(found[0]) == "[blog, ML, LLM]"
    assert [fix.title for fix in found[0].fixes] == ["Change the tags to [blog, ML, LLM]"]


def test_tags_string_without_blog(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, draft(tags="ML, LLM"), "frontmatter-tags")
    assert len(found) == 1 and found[0].fix is None
    assert run(context, TUTORIAL_PATH, draft(tags="Blog, ML"), "frontmatter-tags") == []


def test_tags_with_hash(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, draft(tags="[blog, '#ML']"), "frontmatter-tags")
    assert len(found) == 1
    assert found[0].fix == "ML"
    assert found[0].range == Range.on_line(4, 13, 18)


def test_tags_hidden_by_a_yaml_comment(context: Drafting) -> None:
    text = draft(tags="\n  - blog\n  - #ML")
    found = run(context, TUTORIAL_PATH, text, "frontmatter-tags")
    assert len(found) == 1
    assert found[0].range == Range.on_line(6, 4, 7)
    assert found[0].fix == "ML"


def test_tags_not_a_list(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, draft(tags="{a: b}"), "frontmatter-tags")
    assert len(found) == 1 and "not a list" in found[0].message


def test_tags_blog_tag_from_settings(tmp_path: Path) -> None:
    context = make_context(tmp_path, Settings(blog_tag="post"))
    found = run(context, TUTORIAL_PATH, TUTORIAL, "frontmatter-tags")
    assert found[0].fix == "[post, blog, LLM, inference, tutorial]"


def test_status(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, draft(status="wip"), "frontmatter-status")
    assert len(found) == 1 and found[0].fix is None and "'wip'" in found[0].message
    found = run(context, TUTORIAL_PATH, draft(status="Draft"), "frontmatter-status")
    assert found[0].fix == "draft"
    assert run(context, TUTORIAL_PATH, draft(status="published"), "frontmatter-status") == []
