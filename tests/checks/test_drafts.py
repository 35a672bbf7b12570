"""The draft checks: each rule with a case that fires and one that does not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from blog_lsp.checks import CheckContext
from blog_lsp.checks.drafts import CHECKS, check_duplicate
from blog_lsp.findings import Finding
from blog_lsp.rules import RULES
from blog_lsp.settings import Settings
from blog_lsp.text import START, Range, split_lines
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault

# -- helpers ---------------------------------------------------------------------------------

TUTORIAL_PATH = "Tweets/Serving LLMs with vLLM.md"
TUTORIAL = """\
---
type: Blog
title: Serving LLMs with vLLM
date: '2025-11-03'
tags: [blog, LLM, inference, tutorial]
description: Learn how to serve large language models fast with vLLM and paged attention.
status: draft
---

# Serving LLMs with vLLM

## Introduction

Serving a large model is mostly a memory problem. A single request can hold gigabytes of
key-value cache, and a naive server wastes most of it.

In this guide we look at what vLLM changes, and how to run it for your own models.

## What vLLM Does

vLLM is an inference engine that keeps many requests on one GPU whilst wasting little memory.

## Paged Attention

The cache is split into fixed-size blocks, much like pages in an operating system:

```python
# A heading-like comment that is not a heading
from vllm import LLM, SamplingParams

llm = LLM(model="mistralai/Mistral-7B-v0.1")
print(llm.generate(["Hello"], SamplingParams(max_tokens=16)))
```

## Batching in Practice

- **Continuous batching**: new requests join a running batch
- **Prefix caching**: shared prompts are computed once

## Conclusion

vLLM makes a single GPU go much further. Start with the defaults, then measure.

---

**Related**: [[Learning LLMs]] | [[Inference Optimisation]]
**Tags**: #LLM #inference #tutorial
"""

EXPLAINER_PATH = "Tweets/Understanding Mixture of Experts.md"
EXPLAINER = """\
---
type: Blog
title: Understanding Mixture of Experts
date: "2025-10-20"
tags:
  - blog
  - ML
  - explanation
description: Discover how mixture-of-experts models route each token to a few specialised networks.
status: review
---

# Understanding Mixture of Experts

## Introduction

A model with a trillion parameters that runs like one with a fraction of that sounds like a
trick. Mixture of experts is how it is done.

## The Core Idea

Each layer holds several feed-forward networks, the experts, and a small router.

## Routing Tokens

```
scores = softmax(router(x))
## not a heading: inside code
```

## Load Balancing

An auxiliary loss keeps the router from favouring one expert.

## Conclusion

Experts trade memory for speed. Read the papers next.

---

Related: [[Transformers]]
"""


class Drafting:
    """A vault that the tests write notes into (each write makes a new vault, as the server
    does), and the check context of its latest state."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def set_note(self, path: str, text: str) -> None:
        self.vault = self.vault.with_text(path, text)

    def remove_note(self, path: str) -> None:
        self.vault = self.vault.without(path)

    @property
    def checks(self) -> CheckContext:
        return CheckContext(self.vault)


def make_context(tmp_path: Path, settings: Settings | None = None) -> Drafting:
    return Drafting(Vault(tmp_path, settings or Settings()))


def run(context: Drafting, path: str, text: str, code: str | None = None) -> list[Finding]:
    """Index the note in the vault, parse it fully, and run every draft check on it."""
    context.set_note(path, text)
    note = parse_note(path, text)
    checks = context.checks
    found = [item for check in CHECKS for item in check(note, checks)]
    for item in found:
        assert item.code in RULES, item.code
        assert item.severity == RULES[item.code].severity
    return [item for item in found if code is None or item.code == code]


def draft(**changes: str | None) -> str:
    """The tutorial draft with frontmatter lines replaced (value None drops the line)."""
    lines = TUTORIAL.splitlines(keepends=True)
    for key, value in changes.items():
        index = next(i for i, line in enumerate(lines[:9]) if line.startswith(f"{key}:"))
        lines[index] = "" if value is None else f"{key}: {value}\n"
    return "".join(lines)


def body(text: str) -> str:
    """The tutorial's frontmatter with another body."""
    end = TUTORIAL.index("---\n", 4) + 4
    return TUTORIAL[:end] + text


@pytest.fixture
def context(tmp_path: Path) -> Drafting:
    return make_context(tmp_path)


# -- good drafts, and notes that are not drafts ----------------------------------------------


def test_the_two_example_drafts_have_no_findings(context: Drafting) -> None:
    assert run(context, TUTORIAL_PATH, TUTORIAL) == []
    assert run(context, EXPLAINER_PATH, EXPLAINER) == []


def test_notes_that_are_not_drafts_are_not_checked(context: Drafting) -> None:
    assert run(context, "Notes/random thoughts.md", "no frontmatter, no headings\n") == []
    assert run(context, "Notes/x.md", draft(type="Note", date="someday")) == []


def test_a_blog_type_outside_the_drafts_folder_is_a_draft(context: Drafting) -> None:
    found = run(context, "Elsewhere/Serving LLMs with vLLM.md", draft(status="wip"))
    assert [item.code for item in found] == ["frontmatter-status"]


def test_the_drafts_folder_comes_from_the_settings(tmp_path: Path) -> None:
    context = make_context(tmp_path, Settings(drafts_folder="Blog/Drafts"))
    assert run(context, "Blog/Drafts/x.md", "text\n", "frontmatter-missing")
    assert run(context, "Tweets/x.md", "text\n") == []


# -- frontmatter -----------------------------------------------------------------------------


def test_frontmatter_missing(context: Drafting) -> None:
    found = run(context, "Tweets/Some Idea.md", "# Some Idea\n\nText.\n", "frontmatter-missing")
    assert len(found) == 1
    assert found[0].range == START
    assert "title: Some Idea" in found[0].data["insert"]
    assert found[0].data["insert"].startswith("---\ntype: Blog\n")
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
    assert found[0].data["insert"] == "status: draft"
    assert found[0].data["line"] == 6  # the closing '---', once the status line is gone
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
    assert found[0].data["insert"] == "  - blog"
    assert found[0].data["line"] == 5
    assert found[0].data["suggested"] == "[blog, ML, LLM]"


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


# -- filename --------------------------------------------------------------------------------


def test_filename_too_long(context: Drafting) -> None:
    path = "Tweets/" + "Word " * 15 + "End.md"
    found = run(context, path, TUTORIAL, "filename-length")
    assert len(found) == 1
    assert found[0].range == START
    assert found[0].data["suggested"] == "Serving LLMs with vLLM.md"
    assert found[0].data["suggested_path"] == "Tweets/Serving LLMs with vLLM.md"


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
    assert found[0].data["suggested"] == "Serving Llms with Vllm.md"
    # The suggestion keeps the title's own capitals.
    found = run(context, "Tweets/serving llms with vllm.md", TUTORIAL, "filename-title-case")
    assert found[0].data["suggested"] == "Serving LLMs with vLLM.md"
    assert "'serving'" in found[0].message
    # Only the casing differs: the title still matches the filename.
    assert not run(context, "Tweets/serving llms with vllm.md", text, "filename-title-mismatch")


def test_filename_characters(context: Drafting) -> None:
    found = run(context, "Tweets/Serving LLMs: vLLM #1?.md", TUTORIAL, "filename-characters")
    assert len(found) == 1
    assert found[0].data["suggested"] == "Serving LLMs with vLLM.md"  # the title's filename
    text = draft(title=None)
    found = run(context, "Tweets/Serving LLMs: vLLM #1?.md", text, "filename-characters")
    assert found[0].data["suggested"] == "Serving LLMs vLLM 1.md"
    assert "#" in found[0].message and "?" in found[0].message
    assert run(context, TUTORIAL_PATH, TUTORIAL, "filename-characters") == []


def test_filename_title_mismatch(context: Drafting) -> None:
    found = run(context, "Tweets/Old Working Title.md", TUTORIAL, "filename-title-mismatch")
    assert len(found) == 1
    assert found[0].data["suggested"] == "Serving LLMs with vLLM.md"
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


# -- structure -------------------------------------------------------------------------------


def test_h1_missing(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, TUTORIAL.replace("# Serving LLMs with vLLM\n", ""))
    h1 = [item for item in found if item.code == "structure-h1"]
    assert len(h1) == 1
    assert h1[0].data["insert"] == "# Serving LLMs with vLLM"
    assert h1[0].range.start.line == 10  # '## Introduction': the body's first non-blank line


def test_h1_twice(context: Drafting) -> None:
    text = TUTORIAL.replace("## Batching in Practice", "# Batching in Practice")
    found = run(context, TUTORIAL_PATH, text, "structure-h1")
    assert len(found) == 1
    assert found[0].data["suggested"] == "## Batching in Practice"


def test_h1_differs_in_case_only_is_fixed(context: Drafting) -> None:
    text = TUTORIAL.replace("# Serving LLMs with vLLM\n", "# Serving LLMs With vLLM\n")
    found = run(context, TUTORIAL_PATH, text, "structure-h1")
    assert len(found) == 1
    assert found[0].fix == "Serving LLMs with vLLM"
    assert found[0].range == Range.on_line(9, 2, 24)


def test_h1_different_text_has_no_certain_fix(context: Drafting) -> None:
    text = TUTORIAL.replace("# Serving LLMs with vLLM\n", "# Fast Inference\n")
    found = run(context, TUTORIAL_PATH, text, "structure-h1")
    assert len(found) == 1
    assert found[0].fix is None
    assert found[0].data["suggested"] == "Serving LLMs with vLLM"


def test_h1_with_an_escaped_closing_hash_equals_the_title(context: Drafting) -> None:
    text = draft(title="'Why We Love C #'").replace(
        "# Serving LLMs with vLLM\n", "# Why We Love C \\#\n"
    )
    assert run(context, "Tweets/Why We Love C.md", text, "structure-h1") == []


def test_introduction(context: Drafting) -> None:
    text = TUTORIAL.replace("## Introduction", "## Background")
    found = run(context, TUTORIAL_PATH, text, "structure-introduction")
    assert len(found) == 1
    assert found[0].range == Range.on_line(11, 0, 13)
    assert "'Background'" in found[0].message
    text = TUTORIAL.replace("## Introduction", "## 1. introduction:")
    assert run(context, TUTORIAL_PATH, text, "structure-introduction") == []


def test_conclusion(context: Drafting) -> None:
    text = TUTORIAL.replace("## Conclusion", "## Wrapping Up")
    found = run(context, TUTORIAL_PATH, text, "structure-conclusion")
    assert len(found) == 1 and "'Wrapping Up'" in found[0].message
    text = TUTORIAL.replace("## Conclusion", "## Conclusions")
    assert run(context, TUTORIAL_PATH, text, "structure-conclusion") == []


def test_no_sections_at_all(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, body("\n# Serving LLMs with vLLM\n\nJust text.\n"))
    codes = sorted(item.code for item in found if item.code.startswith("structure-"))
    assert codes == ["structure-conclusion", "structure-introduction", "structure-related"]


@pytest.mark.parametrize("ending", ["---", "---\n", "---\r\n\n"])
def test_structure_findings_of_a_draft_without_a_body_lie_inside_it(
    context: Drafting, ending: str
) -> None:
    """A draft that ends with its closing '---' (and no newline): every finding, the
    structure findings for the missing body too, is on a line the text has."""
    text = TUTORIAL[: TUTORIAL.index("---\n", 4)] + ending
    lines = split_lines(text)
    found = run(context, TUTORIAL_PATH, text)
    assert {"structure-h1", "structure-introduction", "structure-conclusion"} <= {
        item.code for item in found
    }
    for item in found:
        for position in (item.range.start, item.range.end):
            assert position.line < len(lines), (item.code, item.range)
            assert position.character <= len(lines[position.line]), (item.code, item.range)


def _sections(count: int) -> str:
    middle = "".join(f"## Part {n}\n\nText.\n\n" for n in range(count))
    return (
        "\n# Serving LLMs with vLLM\n\n## Introduction\n\nText.\n\n"
        f"{middle}## Conclusion\n\nText.\n\n---\n\n**Related**: [[A]]\n"
    )


@pytest.mark.parametrize("count", [2, 3, 4])
def test_sections_in_range(context: Drafting, count: int) -> None:
    assert run(context, TUTORIAL_PATH, body(_sections(count)), "structure-sections") == []


@pytest.mark.parametrize("count", [0, 1, 5, 6])
def test_sections_out_of_range(context: Drafting, count: int) -> None:
    found = run(context, TUTORIAL_PATH, body(_sections(count)), "structure-sections")
    assert len(found) == 1
    assert f"{count} main section" in found[0].message
    assert found[0].data["count"] == count


def test_sections_are_counted_from_the_introduction(context: Drafting) -> None:
    text = body(_sections(6)).replace("## Introduction", "## Background")
    assert run(context, TUTORIAL_PATH, text, "structure-sections") == []
    # Without a Conclusion, to the end: 'Part 0' and 'Wrapping Up' are two main sections.
    text = body(_sections(1)).replace("## Conclusion", "## Wrapping Up")
    assert run(context, TUTORIAL_PATH, text, "structure-sections") == []
    text = body(_sections(0)).replace("## Conclusion", "## Wrapping Up")
    found = run(context, TUTORIAL_PATH, text, "structure-sections")
    assert len(found) == 1 and found[0].data["count"] == 1


def test_headings_in_code_are_not_sections(context: Drafting) -> None:
    text = _sections(1).replace(
        "## Conclusion", "```markdown\n## Fake One\n## Fake Two\n```\n\n## Conclusion"
    )
    assert run(context, TUTORIAL_PATH, body(text), "structure-sections")


def test_related_missing(context: Drafting) -> None:
    text = TUTORIAL[: TUTORIAL.index("**Related**")]
    found = run(context, TUTORIAL_PATH, text, "structure-related")
    assert len(found) == 1
    assert found[0].data["insert"] == "**Related**: "


def test_related_without_wiki_links(context: Drafting) -> None:
    text = TUTORIAL.replace("[[Learning LLMs]] | [[Inference Optimisation]]", "see the docs")
    found = run(context, TUTORIAL_PATH, text, "structure-related")
    assert len(found) == 1 and "no notes" in found[0].message
    assert found[0].range.start.line == TUTORIAL.splitlines().index(
        "**Related**: [[Learning LLMs]] | [[Inference Optimisation]]"
    )


def test_related_before_the_last_section(context: Drafting) -> None:
    text = TUTORIAL.replace("## Conclusion", "Related: [[A]]\n\n## Conclusion").replace(
        "**Related**: [[Learning LLMs]] | [[Inference Optimisation]]\n", ""
    )
    found = run(context, TUTORIAL_PATH, text, "structure-related")
    assert len(found) == 1 and "before the section 'Conclusion'" in found[0].message


@pytest.mark.parametrize(
    "line",
    ["Related: [[A]]", "**Related:** [[A]]", "__Related__: [[A|a note]]", "> Related: [[A]]"],
)
def test_related_forms(context: Drafting, line: str) -> None:
    text = TUTORIAL.replace("**Related**: [[Learning LLMs]] | [[Inference Optimisation]]", line)
    assert run(context, TUTORIAL_PATH, text, "structure-related") == []


def test_related_in_code_does_not_count(context: Drafting) -> None:
    text = TUTORIAL[: TUTORIAL.index("**Related**")] + "```\n**Related**: [[A]]\n```\n"
    assert run(context, TUTORIAL_PATH, text, "structure-related")


# -- duplicates ------------------------------------------------------------------------------


def test_duplicate_draft(context: Drafting) -> None:
    context.set_note("Tweets/vLLM Serving.md", draft(title="Serving LLMs With vLLM!"))
    found = run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft")
    assert len(found) == 1
    assert found[0].data["other"] == "Tweets/vLLM Serving.md"
    assert "Tweets/vLLM Serving.md" in found[0].message
    assert found[0].range == Range.on_line(2, 7, 29)


def test_duplicate_draft_word_order(context: Drafting) -> None:
    context.set_note("Tweets/Other.md", "---\ntitle: With vLLM, Serving LLMs\n---\n")
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft")


def test_no_duplicate(context: Drafting) -> None:
    context.set_note("Tweets/Other.md", draft(title="Serving Diffusion Models"))
    context.set_note("Notes/Same.md", "---\ntitle: Serving LLMs with vLLM\n---\n")
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft") == []


def test_duplicate_follows_changes_to_the_vault(context: Drafting) -> None:
    context.set_note("Tweets/Other.md", draft(title="Serving LLMs with vLLM"))
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft")
    context.set_note("Tweets/Other.md", draft(title="Something Else Entirely"))
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft") == []
    context.set_note("Tweets/Other.md", draft(title="Serving LLMs with vLLM"))
    context.remove_note("Tweets/Other.md")
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft") == []


def test_duplicate_by_filename_when_there_is_no_title(context: Drafting) -> None:
    context.set_note("Tweets/serving llms with vllm!.md", "Just text.\n")
    found = run(context, "Tweets/Serving LLMs with vLLM.md", "Text.\n", "duplicate-draft")
    assert len(found) == 1 and found[0].range == START


def test_series_parts_are_not_duplicates(context: Drafting) -> None:
    context.set_note("Tweets/Part 1.md", "---\ntitle: Writing an LLM, Part 11\n---\n")
    text = draft(title="'Writing an LLM, Part 12'")
    assert run(context, "Tweets/Writing an LLM, Part 12.md", text, "duplicate-draft") == []


def test_duplicate_threshold_from_settings(tmp_path: Path) -> None:
    context = make_context(tmp_path, Settings(duplicate_title_similarity=60))
    context.set_note("Tweets/Other.md", draft(title="Serving Models with vLLM"))
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft")


# -- speed -----------------------------------------------------------------------------------


def _best_time(function, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def test_checks_on_a_long_draft_are_fast(context: Drafting) -> None:
    paragraph = "Attention lets each token weigh every other token in the sequence. " * 10
    sections = "".join(f"## Section {n}\n\n" + (paragraph + "\n\n") * 8 for n in range(4))
    text = body(
        "\n# Serving LLMs with vLLM\n\n## Introduction\n\n"
        + sections
        + "## Conclusion\n\nDone.\n\n---\n\n**Related**: [[A]]\n"
    )
    assert len(text.split()) > 3000
    note = parse_note(TUTORIAL_PATH, text)
    context.set_note(TUTORIAL_PATH, text)
    checks = [check for check in CHECKS if check is not check_duplicate]
    checks_context = context.checks
    elapsed = _best_time(lambda: [list(check(note, checks_context)) for check in checks])
    assert elapsed < 0.01  # the aim is well under 2 ms; the bound leaves room for slow CI


def test_duplicate_check_over_ten_thousand_drafts_is_fast(context: Drafting) -> None:
    for n in range(10_000):
        context.set_note(
            f"Tweets/Draft {n}.md", f"---\ntype: Blog\ntitle: Topic {n} of the series\n---\n"
        )
    note = parse_note(TUTORIAL_PATH, TUTORIAL)
    context.set_note(TUTORIAL_PATH, TUTORIAL)
    checks_context = context.checks
    elapsed = _best_time(lambda: list(check_duplicate(note, checks_context)))
    assert elapsed < 0.1  # the aim is well under 20 ms
