"""The duplicate-draft rule: a case that fires and one that does not, and its speed."""

from __future__ import annotations

from pathlib import Path

from draft_notes import (
    TUTORIAL,
    TUTORIAL_PATH,
    Drafting,
    best_time,
    body,
    draft,
    make_context,
    run,
)

from blog_lsp.checks import CheckContext
from blog_lsp.checks.duplicates import check_duplicate
from blog_lsp.settings import Settings
from blog_lsp.text import START, Range
from blog_lsp.vault.index import IndexBuilder
from blog_lsp.vault.parse import parse_note

# Another draft's body, on another topic: drafts with it differ from the tutorial in content.
ELSEWHERE = """\
# Painting With Diffusion Models

## Introduction

A diffusion model learns to undo noise, one small step at a time, until a picture is left.

## Sampling

Fewer sampling steps give a picture sooner but blur the fine detail; a scheduler decides how
large each step is, and a good one needs twenty steps where the first models needed a thousand.

## Conclusion

Choose the scheduler before the number of steps, and compare pictures side by side.
"""


def other_draft(title: str) -> str:
    """A draft with this title, on another topic than the tutorial."""
    return body(ELSEWHERE).replace("title: Serving LLMs with vLLM", f"title: {title}")


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
    context.set_note("Tweets/Other.md", other_draft("Serving Diffusion Models"))
    context.set_note("Notes/Same.md", "---\ntitle: Serving LLMs with vLLM\n---\n")
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft") == []


def test_duplicate_follows_changes_to_the_vault(context: Drafting) -> None:
    context.set_note("Tweets/Other.md", draft(title="Serving LLMs with vLLM"))
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft")
    context.set_note("Tweets/Other.md", other_draft("Something Else Entirely"))
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


def test_duplicate_check_over_ten_thousand_drafts_is_fast(context: Drafting) -> None:
    for n in range(10_000):
        context.set_note(
            f"Tweets/Draft {n}.md", f"---\ntype: Blog\ntitle: Topic {n} of the series\n---\n"
        )
    note = parse_note(TUTORIAL_PATH, TUTORIAL)
    context.set_note(TUTORIAL_PATH, TUTORIAL)
    checks_context = context.checks
    elapsed = best_time(lambda: list(check_duplicate(note, checks_context)))
    assert elapsed < 0.1  # the aim is well under 20 ms


# -- by content ------------------------------------------------------------------------------

# The tutorial as another writer's draft might say it: its sentences lightly reworded.
REWORDED = """\
# Running vLLM in Production

## Introduction

Serving a large model is mainly a memory problem. A single request can hold gigabytes of
key-value cache, and a naive server wastes most of that.

In this guide we look at what vLLM changes, and how to run it for our own models.

## What vLLM Does

vLLM is an inference engine that keeps many requests on a single GPU whilst wasting little
memory.

## Paged Attention

The cache is split into fixed-size blocks, rather like pages in an operating system.

## Batching in Practice

- **Continuous batching**: new requests join the running batch
- **Prefix caching**: shared prompts are computed only once

## Conclusion

vLLM makes one GPU go much further:

- paged attention keeps the cache small
- continuous batching keeps the GPU busy
- prefix caching computes a shared prompt once

Start with the defaults, then measure.
"""


def test_duplicate_by_content(context: Drafting) -> None:
    reworded = body(REWORDED).replace("title: Serving LLMs with vLLM", "title: vLLM in Production")
    context.set_note("Tweets/vLLM in Production.md", reworded)
    found = run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft")
    assert len(found) == 1
    assert found[0].data["other"] == "Tweets/vLLM in Production.md"
    assert found[0].data["match"] == "content" and found[0].data["score"] >= 40
    message = found[0].message
    assert "'Tweets/vLLM in Production.md' ('vLLM in Production')" in message
    assert "nearly the same content" in message
    assert found[0].range == Range.on_line(2, 7, 29)  # the title, as for a title that matches


def test_same_topic_is_not_a_duplicate(context: Drafting) -> None:
    # Another draft on serving with vLLM, in its own words: related, not a duplicate.
    own_words = body(
        "# Tuning vLLM\n\n## Introduction\n\nThroughput depends on how full each batch is, and "
        "vLLM fills batches as requests arrive rather than waiting for a batch to finish.\n\n"
        "## Settings That Matter\n\nRaise the memory fraction until the cache no longer fits, "
        "then lower it a little; cap the number of sequences so that latency stays steady.\n\n"
        "## Conclusion\n\nMeasure throughput and latency together, under the load you expect.\n"
    ).replace("title: Serving LLMs with vLLM", "title: Tuning vLLM for Throughput")
    context.set_note("Tweets/Tuning vLLM for Throughput.md", own_words)
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft") == []


def test_content_of_a_note_that_is_not_a_draft_is_not_a_duplicate(context: Drafting) -> None:
    context.set_note("Notes/vLLM.md", body(REWORDED).replace("type: Blog\n", ""))
    assert run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft") == []


def test_title_and_content_alike_is_one_finding(context: Drafting) -> None:
    context.set_note("Tweets/Copy.md", TUTORIAL.replace("Start with", "Begin with"))
    found = run(context, TUTORIAL_PATH, TUTORIAL, "duplicate-draft")
    assert [(item.data["other"], item.data["match"]) for item in found] == [
        ("Tweets/Copy.md", "title")
    ]


def test_duplicate_content_waits_for_the_whole_vault(context: Drafting) -> None:
    reworded = body(REWORDED).replace("title: Serving LLMs with vLLM", "title: vLLM in Production")
    context.set_note("Tweets/vLLM in Production.md", reworded)
    context.set_note(TUTORIAL_PATH, TUTORIAL)
    note = parse_note(TUTORIAL_PATH, TUTORIAL)
    assert list(check_duplicate(note, context.checks))  # the whole vault: found
    scanning = context.vault.with_index(IndexBuilder(context.vault.index).finish(complete=False))
    assert list(check_duplicate(note, CheckContext(scanning))) == []
