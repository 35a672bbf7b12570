"""Related notes and suggested tags: what relates notes (words, tags, links), in a few words;
link targets that lead to one note only; the note's unsaved text; tags it has left out."""

from __future__ import annotations

from blog_lsp.relevance.engine import Weights, related_notes, suggest_tags
from blog_lsp.vault.vault import Vault

DRAFT = """---
type: Blog
title: Caching Keys and Values
tags: [blog, inference]
---

# Caching Keys and Values

Decoding reuses the cached keys and values of earlier tokens, so the KV cache grows with
the context. Paged blocks keep the cache from fragmenting GPU memory.

**Related**: [[Decoding]]
"""


def vault_of(make_vault, files: dict[str, str]) -> Vault:
    return Vault.open(make_vault(files), editor_settings={"cache": False})


def test_words_tags_and_links_each_relate_notes(make_vault):
    vault = vault_of(
        make_vault,
        {
            "Tweets/Caching Keys and Values.md": DRAFT,
            "Notes/KV Cache.md": "# KV Cache\n\nThe cache of keys and values per token, in "
            "paged blocks of GPU memory.\n",
            "Notes/Serving.md": "---\ntags: [inference]\n---\n# Serving\n\nRunning models.\n",
            "Notes/Decoding.md": "# Decoding\n\nOne token at a time.\n",
            "Notes/Gardening.md": "# Gardening\n\nTomatoes need sun.\n",
        },
    )
    note = vault.load("Tweets/Caching Keys and Values.md")
    found = {item.path: item for item in related_notes(vault, note)}
    assert "Notes/Gardening.md" not in found  # shares nothing
    assert "Tweets/Caching Keys and Values.md" not in found  # never the note itself
    assert found["Notes/KV Cache.md"].words[:3] and "cache" in found["Notes/KV Cache.md"].why
    assert found["Notes/Serving.md"].tags == ("inference",)
    assert "shared tags: #inference" in found["Notes/Serving.md"].why
    assert "linked from this note" in found["Notes/Decoding.md"].why
    scores = [item.score for item in related_notes(vault, note)]
    assert scores == sorted(scores, reverse=True)
    # Each part alone finds its own.
    assert [item.path for item in related_notes(vault, note, weights=Weights(0, 1, 0))] == [
        "Notes/Serving.md"
    ]
    assert [item.path for item in related_notes(vault, note, weights=Weights(0, 0, 1))] == [
        "Notes/Decoding.md"
    ]


def test_notes_linked_from_the_same_notes_are_related(make_vault):
    vault = vault_of(
        make_vault,
        {
            "Notes/Index.md": "# Index\n\n[[Alpha]] and [[Beta]].\n",
            "Notes/Alpha.md": "# Alpha\n\nOne thing.\n",
            "Notes/Beta.md": "# Beta\n\nAnother.\n",
            "Notes/Gamma.md": "# Gamma\n\nUnlinked.\n",
        },
    )
    found = related_notes(vault, vault.load("Notes/Alpha.md"), weights=Weights(0, 0, 1))
    by_path = {item.path: item for item in found}
    assert "linked from the same notes: Index" in by_path["Notes/Beta.md"].why
    assert "links to this note" in by_path["Notes/Index.md"].why
    assert "Notes/Gamma.md" not in by_path


def test_the_target_leads_to_that_note_alone(make_vault):
    text = "# Glossary\n\nKV cache, paged attention, decoding.\n"
    vault = vault_of(
        make_vault,
        {
            "Tweets/Draft.md": "# Draft\n\nThe KV cache and paged attention while decoding.\n",
            "Archive/Glossary.md": text,
            "Projects/Glossary.md": text + "More cache.\n",
        },
    )
    found = related_notes(vault, vault.load("Tweets/Draft.md"))
    assert sorted(item.target for item in found) == ["Archive/Glossary", "Projects/Glossary"]
    for item in found:
        assert vault.resolve(item.target, "Tweets/Draft.md").candidates == (item.path,)
        assert item.to_json().keys() == {"target", "path", "title", "score", "why"}


def test_the_note_as_given_counts_not_its_indexed_copy(make_vault):
    vault = vault_of(
        make_vault,
        {
            "Tweets/Draft.md": "# Draft\n\nAbout gardening and tomatoes.\n",
            "Notes/Tomatoes.md": "# Tomatoes\n\nGardening in the sun.\n",
            "Notes/Spark.md": "# Spark\n\nShuffles and partitions.\n",
        },
    )
    unsaved = vault.load("Tweets/Draft.md", "# Draft\n\nSpark shuffles and partitions.\n")
    assert [item.path for item in related_notes(vault, unsaved)][:1] == ["Notes/Spark.md"]


def test_a_note_that_shares_nothing_has_no_related_notes(make_vault):
    vault = vault_of(make_vault, {"A.md": "# Alpha\n\nZebras.\n", "B.md": "# Beta\n\nKites.\n"})
    assert related_notes(vault, vault.load("A.md")) == []
    assert related_notes(vault, vault.load("A.md"), limit=1) == []


def test_suggested_tags_come_from_related_notes_and_the_vocabulary(make_vault):
    vault = vault_of(
        make_vault,
        {
            "Tweets/Draft.md": "---\ntags: [blog, retrieval]\n---\n# Draft\n\nEmbeddings "
            "and embedding models for retrieval, with rerankers.\n",
            "Notes/Rerankers.md": "---\ntags: [retrieval, reranking]\n---\n# Rerankers\n\n"
            "Rerankers reorder retrieval results.\n",
            "Notes/Other.md": "---\ntags: [gardening]\n---\n# Other\n\nTomatoes.\n",
        },
    )
    found = suggest_tags(vault, vault.load("Tweets/Draft.md"))
    tags = {item.tag: item for item in found}
    assert tags["reranking"].source == "vault"
    assert tags["embeddings"].source == "spec"  # the tag vocabulary's; no note uses it yet
    assert "retrieval" not in tags and "blog" not in tags  # already on the note
    assert "gardening" not in tags  # nothing to do with it
    assert [item.score for item in found] == sorted((item.score for item in found), reverse=True)
    assert len(suggest_tags(vault, vault.load("Tweets/Draft.md"), limit=1)) == 1
