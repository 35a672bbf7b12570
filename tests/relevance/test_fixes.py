"""What 'Add related notes' and 'Add suggested tags' write: the Related footer extended or
added where the template has it, the notes already linked left out; tags added to the
frontmatter list in its own style, and to the Tags footer line."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_lsp.autofix import fixed_text
from blog_lsp.findings import Edit, Fix, RenameNote
from blog_lsp.relevance.engine import RelatedNote, SuggestedTag, related_notes, suggest_tags
from blog_lsp.relevance.fixes import notes_to_link, related_footer_fix, tags_fix
from blog_lsp.vault.model import Note
from blog_lsp.vault.vault import Vault

VAULT = Path(__file__).resolve().parent / "vault"
HEAD = """---
type: Blog
title: Caching
date: '2025-05-01'
tags: [blog, inference]
description: Learn how caching works.
status: draft
---

# Caching

## Introduction

Why it matters.

## Conclusion

It is fast.
"""
RAG_NOTES = {
    "Notes/RAG/Rerankers.md",
    "Notes/RAG/Hybrid Search with BM25.md",
    "Notes/RAG/Vector Databases.md",
    "Notes/RAG/Text Embeddings.md",
    "Notes/RAG/Retrieval-Augmented Generation.md",
    "Notes/RAG/Chunking Strategies.md",
    "Projects/Support Bot Retrieval Evaluation.md",
    "Tweets/Building a RAG Pipeline That Cites Its Sources.md",
}
NOTES = {
    "Notes/Alpha.md": "# Alpha\n",
    "Notes/Beta.md": "# Beta\n",
    "Notes/Gamma.md": "# Gamma\n",
    "Notes/Delta.md": "# Delta\n",
}


def applied(note: Note, fix: Fix) -> str:
    assert note.text is not None and note.lines is not None
    edits = [
        change if isinstance(change, Edit) else change.as_edit(note.text, note.lines)
        for change in fix.edits
        if not isinstance(change, RenameNote)
    ]
    return fixed_text(note.text, [Fix(fix.title, tuple(edits))])


def related(*names: str) -> list[RelatedNote]:
    return [
        RelatedNote(f"Notes/{name}.md", name, name, 1.0 - rank / 10)
        for rank, name in enumerate(names)
    ]


@pytest.fixture
def draft_vault(make_vault):
    def build(text: str) -> tuple[Vault, Note]:
        root = make_vault({"Tweets/Caching.md": text, **NOTES})
        vault = Vault.open(root, editor_settings={"cache": False})
        return vault, vault.load("Tweets/Caching.md")

    return build


def test_a_draft_without_a_footer_gets_one_after_the_conclusion(draft_vault):
    vault, note = draft_vault(HEAD)
    fix = related_footer_fix(vault, note, related("Alpha", "Beta", "Gamma", "Delta"))
    assert fix is not None and fix.title == "Add related notes: Alpha, Beta, Gamma"
    assert not fix.safe
    assert applied(note, fix) == HEAD + "\n---\n\n**Related**: [[Alpha]] | [[Beta]] | [[Gamma]]\n"


def test_the_footer_goes_after_an_existing_break_and_before_the_tags_line(draft_vault):
    vault, note = draft_vault(HEAD + "\n---\n")
    fix = related_footer_fix(vault, note, related("Alpha"))
    assert fix is not None
    assert applied(note, fix) == HEAD + "\n---\n\n**Related**: [[Alpha]]\n"

    text = HEAD + "\n---\n\n**Tags**: #inference\n"
    vault, note = draft_vault(text)
    fix = related_footer_fix(vault, note, related("Alpha", "Beta"))
    assert fix is not None
    assert applied(note, fix) == text.replace(
        "**Tags**", "**Related**: [[Alpha]] | [[Beta]]  \n**Tags**"
    )


def test_a_note_without_a_final_line_break_keeps_the_break_apart_from_its_last_paragraph(
    draft_vault,
):
    vault, note = draft_vault(HEAD.rstrip("\n"))
    fix = related_footer_fix(vault, note, related("Alpha"))
    assert fix is not None
    # A '---' right under a paragraph would make it a heading: a blank line comes between.
    assert applied(note, fix) == HEAD + "\n---\n\n**Related**: [[Alpha]]\n"


def test_an_existing_related_line_is_extended_and_linked_notes_are_left_out(draft_vault):
    text = HEAD + "\nSee [[Beta]].\n\n---\n\n**Related**: [[Alpha]]  \n**Tags**: #inference\n"
    vault, note = draft_vault(text)
    fix = related_footer_fix(vault, note, related("Alpha", "Beta", "Gamma", "Delta"))
    assert fix is not None and fix.title == "Add related notes: Gamma, Delta"
    # What is there stays, the hard break before the Tags line too.
    assert applied(note, fix) == text.replace(
        "**Related**: [[Alpha]]  ", "**Related**: [[Alpha]] | [[Gamma]] | [[Delta]]  "
    )


def test_an_empty_related_line_is_filled_in(draft_vault):
    text = HEAD + "\n---\n\n**Related**: \n**Tags**: #inference\n"
    vault, note = draft_vault(text)
    fix = related_footer_fix(vault, note, related("Alpha"))
    assert fix is not None
    assert applied(note, fix) == text.replace("**Related**: \n", "**Related**: [[Alpha]]  \n")


def test_nothing_to_add_gives_no_fix(draft_vault):
    vault, note = draft_vault(HEAD + "\n**Related**: [[Alpha]] | [[Beta]]\n")
    assert related_footer_fix(vault, note, related("Alpha", "Beta")) is None
    assert related_footer_fix(vault, note, []) is None
    # A target a wiki-link cannot hold is passed over.
    odd = [RelatedNote("Notes/Odd.md", "Odd", "Odd|Name", 1.0), *related("Gamma")]
    assert [found.target for found in notes_to_link(vault, note, odd)] == ["Gamma"]


def test_the_relevance_vaults_draft_gets_notes_of_its_own_topic():
    vault = Vault.open(VAULT, editor_settings={"cache": False})
    note = vault.load("Tweets/Why Your Retriever Needs a Reranker.md")
    found = related_notes(vault, note, 15)
    fix = related_footer_fix(vault, note, found)
    assert fix is not None
    text = applied(note, fix)
    footer = text.rsplit("\n---\n\n", 1)[1]
    assert footer.startswith("**Related**: [[") and footer.count("[[") == 3
    added = {item.path for item in notes_to_link(vault, note, found)}
    assert len(added & RAG_NOTES) >= 2


# -- suggested tags ----------------------------------------------------------------------


def tags(*names: str) -> list[SuggestedTag]:
    return [SuggestedTag(name, 1.0 - rank / 10, "vault") for rank, name in enumerate(names)]


def test_tags_are_added_to_a_flow_list(draft_vault):
    _, note = draft_vault(HEAD)
    fix = tags_fix(note, tags("RAG", "search", "tutorial", "beginner"))
    assert fix is not None and fix.title == "Add suggested tags: RAG, search, tutorial"
    assert applied(note, fix) == HEAD.replace(
        "tags: [blog, inference]", "tags: [blog, inference, RAG, search, tutorial]"
    )
    _, note = draft_vault(HEAD.replace("[blog, inference]", "[]"))
    fix = tags_fix(note, tags("RAG", "C++ notes"))
    assert fix is not None
    assert "tags: [RAG, C++ notes]\n" in applied(note, fix)


def test_tags_are_added_to_a_block_list_and_the_tags_footer(draft_vault):
    text = HEAD.replace("tags: [blog, inference]", "tags:\n  - blog\n  - inference") + (
        "\n---\n\n**Related**: [[Alpha]]  \n**Tags**: #inference\n"
    )
    _, note = draft_vault(text)
    fix = tags_fix(note, tags("RAG", "inference", "search"))
    assert fix is not None and fix.title == "Add suggested tags: RAG, search"
    after = applied(note, fix)
    assert "tags:\n  - blog\n  - inference\n  - RAG\n  - search\ndescription:" in after
    assert after.endswith("**Tags**: #inference #RAG #search\n")


def test_no_tags_fix_without_a_list_or_anything_new(draft_vault):
    _, note = draft_vault(HEAD.replace("tags: [blog, inference]", "tags: blog inference"))
    assert tags_fix(note, tags("RAG")) is None
    _, note = draft_vault(HEAD.replace("tags: [blog, inference]\n", ""))
    assert tags_fix(note, tags("RAG")) is None
    _, note = draft_vault(HEAD)
    assert tags_fix(note, tags("Inference", "blog")) is None  # it has them, in any case
    assert tags_fix(note, []) is None


def test_suggested_tags_of_the_relevance_vaults_draft_go_into_its_list():
    vault = Vault.open(VAULT, editor_settings={"cache": False})
    note = vault.load("Tweets/Why Your Retriever Needs a Reranker.md")
    found = suggest_tags(vault, note, related=related_notes(vault, note, 15))
    assert found == suggest_tags(vault, note)  # the related notes given or worked out alike
    fix = tags_fix(note, found)
    assert fix is not None
    after = applied(note, fix)
    assert "tags: [blog, search, RAG, " in after


def test_a_draft_with_windows_line_endings_keeps_them(draft_vault):
    vault, note = draft_vault(HEAD.replace("\n", "\r\n"))
    fix = related_footer_fix(vault, note, related("Alpha"))
    assert fix is not None
    expected = HEAD + "\n---\n\n**Related**: [[Alpha]]\n"
    assert applied(note, fix) == expected.replace("\n", "\r\n")
