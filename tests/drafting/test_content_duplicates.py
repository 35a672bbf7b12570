"""Drafts with nearly the same content: precision on the relevance test vault (notes on one
topic are related, not duplicates) and recall on copies of its drafts, edited as a writer
would (words changed, a sentence dropped, paragraphs swapped, text added, reworded)."""

from __future__ import annotations

import datetime
import random
import re
import shutil
from pathlib import Path

import pytest

from blog_lsp.drafting.files import create_draft
from blog_lsp.drafting.similar import (
    find_content_duplicates,
    find_duplicate_drafts,
    prose_of,
)
from blog_lsp.drafting.template import DraftSpec, render_draft
from blog_lsp.settings import Settings
from blog_lsp.vault.vault import Vault

CLUSTERS = Path(__file__).parent.parent / "relevance" / "vault"
LORA = "Tweets/Choosing LoRA Rank and Alpha.md"
# Words a careless edit puts in place of others.
REPLACEMENTS = "quickly instead model usually every simple often large careful rather".split()


@pytest.fixture(scope="module")
def every_note_a_draft(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    """The relevance test vault with every note made a draft (moved under Tweets/): 46 notes,
    most on five topics, 1,035 pairs that must not be taken for duplicates."""
    root = tmp_path_factory.mktemp("clusters")
    for source in CLUSTERS.rglob("*.md"):
        relative = source.relative_to(CLUSTERS)
        parts = relative.parts[1:] if relative.parts[0] == "Tweets" else relative.parts
        target = root / "Tweets" / Path(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return Vault(root, Settings()).scanned()


def drafts(vault: Vault) -> dict[str, str]:
    """The texts of the vault's drafts, as on disk."""
    return {
        path: (vault.root / path).read_text(encoding="utf-8")
        for path in sorted(vault.index.drafts)
        if (vault.root / path).is_file()
    }


def test_notes_on_one_topic_are_not_duplicates(every_note_a_draft: Vault) -> None:
    vault = every_note_a_draft
    texts = drafts(vault)
    assert len(texts) == 46
    for path, text in texts.items():
        assert find_content_duplicates(vault, prose_of(text), exclude=path) == [], path


def edited(text: str, seed: int, share: float) -> str:
    """A copy of a note's body with ``share`` of its words replaced, now and then a sentence
    dropped, and two paragraphs swapped; its frontmatter and title are the original's."""
    rng = random.Random(seed)
    end = text.index("\n---\n", 4) + 5
    head, body = text[:end], text[end:]
    paragraphs = body.split("\n\n")
    if len(paragraphs) > 4:
        at = rng.randrange(1, len(paragraphs) - 2)
        paragraphs[at], paragraphs[at + 1] = paragraphs[at + 1], paragraphs[at]
    changed = []
    for paragraph in paragraphs:
        if paragraph.startswith(("#", "**", "---")):
            changed.append(paragraph)
            continue
        sentences = re.split(r"(?<=[.!?]) ", paragraph)
        if len(sentences) > 2 and rng.random() < 0.3:
            sentences.pop(rng.randrange(len(sentences)))
        words = " ".join(sentences).split(" ")
        words = [rng.choice(REPLACEMENTS) if rng.random() < share else w for w in words]
        changed.append(" ".join(words))
    return head + "\n\n".join(changed)


def retitled(text: str, title: str) -> str:
    return re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.MULTILINE)


ORIGINALS = [
    "Tweets/Alerts That Wake You for the Right Reasons.md",
    "Tweets/Building a RAG Pipeline That Cites Its Sources.md",
    LORA,
    "Tweets/Cutting Time to First Token.md",
    "Tweets/Designing Idempotent Airflow Pipelines.md",
    "Tweets/Fine-tuning Mistral with QLoRA on One GPU.md",
    "Tweets/From Metrics to Traces with OpenTelemetry.md",
    "Tweets/Serving LLMs with Continuous Batching.md",
    "Tweets/Small Files and Big Spark Jobs.md",
    "Tweets/Why Your Retriever Needs a Reranker.md",
]


@pytest.mark.parametrize("original", ORIGINALS)
@pytest.mark.parametrize("share", [0.1, 0.2])
def test_an_edited_copy_is_a_duplicate(every_note_a_draft: Vault, original: str, share: float):
    text = drafts(every_note_a_draft)[original]
    copy = retitled(edited(text, seed=len(original), share=share), "Copy")
    path = "Tweets/Copy.md"
    vault = every_note_a_draft.with_text(path, copy)
    found = find_content_duplicates(vault, prose_of(copy), exclude=path)
    assert [draft.path for draft in found] == [original]
    limit = vault.settings.duplicate_content_similarity
    assert found[0].match == "content" and found[0].score >= limit
    # And the other way round: the original names its copy.
    back = find_content_duplicates(vault, prose_of(text), exclude=original)
    assert [draft.path for draft in back] == [path]


def test_the_setting_says_how_much_wording_makes_a_duplicate(
    every_note_a_draft: Vault,
) -> None:
    """A copy with nearly half of its words changed keeps under 40 % of its phrases: no
    duplicate at the default (40), one at 10; a copy with a tenth changed is one at the
    default, and none at 100 (only a whole copy is)."""
    text = drafts(every_note_a_draft)[LORA]
    path = "Tweets/Copy.md"
    copy = retitled(edited(text, 3, 0.45), "Copy")
    heavily = every_note_a_draft.with_text(path, copy)
    prose = prose_of(copy)
    assert find_content_duplicates(heavily, prose, exclude=path) == []
    lower = heavily.with_settings(Settings(duplicate_content_similarity=10), ())
    assert [d.path for d in find_content_duplicates(lower, prose, exclude=path)] == [LORA]

    copy = retitled(edited(text, 3, 0.1), "Copy")
    lightly = every_note_a_draft.with_text(path, copy)
    prose = prose_of(copy)
    assert [d.path for d in find_content_duplicates(lightly, prose, exclude=path)] == [LORA]
    strict = lightly.with_settings(Settings(duplicate_content_similarity=100), ())
    assert find_content_duplicates(strict, prose, exclude=path) == []


def test_a_copy_extended_with_more_is_a_duplicate(every_note_a_draft: Vault) -> None:
    vault = every_note_a_draft
    texts = drafts(vault)
    rank = texts[LORA]
    more = texts["Tweets/Notes/Fine-tuning/Adapter Merging.md"].split("\n---\n", 2)[-1]
    copy = retitled(rank, "LoRA Rank, Alpha and Merging") + "\n" + more
    vault = vault.with_text("Tweets/Longer.md", copy)
    found = find_content_duplicates(vault, prose_of(copy), exclude="Tweets/Longer.md")
    # Each of the two is all but whole inside it.
    assert {draft.path for draft in found} == {LORA, "Tweets/Notes/Fine-tuning/Adapter Merging.md"}


# The LoRA draft, reworded sentence by sentence, as a writer might write it again.
REWORDED = """\
---
type: Blog
title: What LoRA's Rank and Alpha Really Do
date: '2025-06-01'
tags: [blog, fine-tuning]
description: How the rank and alpha of low-rank adapters change quality, memory and training time.
status: draft
---

# What LoRA's Rank and Alpha Really Do

## Introduction

Each adapter recipe sets a rank and an alpha, and most people copy both from somewhere else.
This post explains what the two numbers do.

## Rank Is Capacity

The rank is the inner dimension of the adapter's two matrices. A rank of 8 is enough to teach
a format, but teaching new knowledge or a new language needs 64 or more, at several times the
memory for the adapter and its optimiser state.

## Alpha Is a Hidden Learning Rate

The update is scaled by alpha over the rank, so doubling the rank with alpha fixed halves the
effective step. Keep alpha at twice the rank and the scale stays steady while you search over
ranks.

## Conclusion

Begin with rank 16 and alpha 32 on the attention projections, and raise the rank only when the
evaluation loss says the adapter is too small.
"""


def test_a_reworded_draft_is_a_duplicate(every_note_a_draft: Vault) -> None:
    vault = every_note_a_draft.with_text("Tweets/Reworded.md", REWORDED)
    found = find_content_duplicates(vault, prose_of(REWORDED), exclude="Tweets/Reworded.md")
    assert [draft.path for draft in found] == [LORA]
    assert found[0].title == "Choosing LoRA Rank and Alpha"


def test_a_new_draft_with_another_drafts_description(every_note_a_draft: Vault) -> None:
    """The new-draft paths: a title and a description, nothing else yet."""
    vault = every_note_a_draft
    description = (
        "Understand how the rank and alpha of low-rank adapters change quality, memory and "
        "training."
    )
    day = datetime.date(2025, 12, 31)
    same = render_draft(DraftSpec("Adapters, Briefly", day, description=description))
    found = find_duplicate_drafts(vault, "Adapters, Briefly", prose_of(same))
    assert [(draft.path, draft.match) for draft in found] == [(LORA, "content")]
    # The same topic in other words, or no description at all: the title decides alone.
    other = "Learn how to pick the size of a LoRA adapter for your own fine-tuning runs."
    for text in (
        render_draft(DraftSpec("Adapters, Briefly", day, description=other)),
        render_draft(DraftSpec("Adapters, Briefly", day)),
    ):
        assert find_duplicate_drafts(vault, "Adapters, Briefly", prose_of(text)) == []


def test_drafts_just_made_from_the_template_are_not_duplicates(tmp_path: Path) -> None:
    day = datetime.date(2025, 12, 31)
    for title in ("Serving LLMs with vLLM", "Fine-tuning with LoRA", "Vector Databases"):
        create_draft(tmp_path, "Tweets", DraftSpec(title, day))
    vault = Vault(tmp_path, Settings()).scanned()
    assert len(vault.index.draft_shingles) == 3
    text = render_draft(DraftSpec("Understanding Attention", day))
    assert find_content_duplicates(vault, prose_of(text)) == []


def test_a_long_drafts_copy_is_found_among_short_drafts_on_its_words(tmp_path: Path) -> None:
    """A long draft holds the words of many short ones: BM25 ranks the short ones first (its
    length normalisation), but the copy is still compared, as it holds all the rarest terms.
    The short drafts are the words of the test vault's notes in alphabetical order: the same
    terms, none of the phrases."""
    bodies = [
        source.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for source in sorted(CLUSTERS.rglob("*.md"))
    ]
    (tmp_path / "Tweets").mkdir()
    for number, text in enumerate(bodies):
        words = " ".join(sorted(set(re.findall(r"[a-z]+", text.lower()))))
        (tmp_path / "Tweets" / f"Words {number}.md").write_text(words, encoding="utf-8")
    long = "---\ntype: Blog\ntitle: Everything at Once\n---\n\n" + "\n\n".join(bodies)
    (tmp_path / "Tweets" / "Everything at Once.md").write_text(long, encoding="utf-8")
    vault = Vault(tmp_path, Settings()).scanned()
    copy = retitled(edited(long, seed=3, share=0.1), "All of It Again")
    vault = vault.with_text("Tweets/All of It Again.md", copy)
    found = find_content_duplicates(vault, prose_of(copy), exclude="Tweets/All of It Again.md")
    assert [draft.path for draft in found] == ["Tweets/Everything at Once.md"]
