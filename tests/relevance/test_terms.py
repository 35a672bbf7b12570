"""A note's terms: prose only (no code, no link targets, no URLs), the title and headings
weighed more, common words left out, plurals and '-ize' folded."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from blog_lsp.relevance.terms import (
    HEADING_WEIGHT,
    TITLE_WEIGHT,
    decode_terms,
    encode_terms,
    note_terms,
    query_terms,
    stem,
)
from blog_lsp.vault.note_words import words_of
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault

NOTE = """---
title: Rerankers for Retrieval
tags: [rag, search]
description: How cross-encoders reorder the passages a retriever finds.
---

# Rerankers for Retrieval

A cross-encoder scores each passage against the query. See [[Vector Databases|the vector
store note]] and [[Chunking Strategies]], or https://example.com/bm25okapi.

```python
scores = reranker.predict(pairs)  # zebrafish
```

Inline `tokenizer.encode()` is code too. #lexical

## Latency
"""


def test_prose_words_count_and_code_urls_link_targets_and_tags_do_not():
    terms = note_terms(parse_note("Notes/Rerankers.md", NOTE))
    assert terms["passage"] == 2  # 'passage' and 'passages' are one term
    assert terms["encoder"] == 2  # cross-encoder(s): the hyphen splits
    assert terms["store"] == 1  # a link's alias is what readers read
    for absent in ("chunking", "strategy", "bm", "okapi", "example", "zebrafish"):
        assert absent not in terms  # link targets, URLs and code are not prose
    for absent in ("predict", "tokenizer", "tokeniser", "lexical", "python"):
        assert absent not in terms  # inline code, a tag, a fence's language
    for absent in ("the", "a", "each", "too", "see", "or", "is"):
        assert absent not in terms  # common words say nothing about the topic


def test_the_title_and_headings_weigh_more():
    terms = note_terms(parse_note("Notes/Rerankers.md", NOTE))
    # The title: three times (once in the frontmatter, which is prose, and twice more); the
    # H1 heading that repeats it: twice.
    assert terms["reranker"] == TITLE_WEIGHT + HEADING_WEIGHT
    assert terms["latency"] == HEADING_WEIGHT


def test_a_note_without_a_title_is_titled_by_its_filename():
    terms = note_terms(parse_note("Notes/Speculative Decoding.md", "Nothing else here.\n"))
    assert terms["speculative"] == TITLE_WEIGHT
    assert terms["decoding"] == TITLE_WEIGHT
    assert "nothing" in terms


def test_plurals_possessives_and_ize_fold_into_one_form():
    assert stem("embeddings") == stem("embedding") == "embedding"
    assert stem("queries") == "query"
    assert stem("optimize") == stem("optimise") == "optimise"
    assert stem("tokenization") == "tokenisation"
    assert stem("model's") == "model"
    for kept in ("loss", "status", "bias", "kv", "gas"):
        assert stem(kept) == kept


def test_query_terms_use_the_same_forms():
    assert query_terms(["Optimizing RAG pipelines"]) == {"optimising": 1, "rag": 1, "pipeline": 1}


def test_terms_round_trip_through_their_string():
    counts = {"attention": 4, "head": 2, "kv": 1}
    assert decode_terms(encode_terms(counts)) == counts
    assert decode_terms(encode_terms({})) == {}
    assert encode_terms({"kept": 1, "dropped": 0}) == "kept\n1"


FRAGMENTS = [
    "word", "Wörter", "İstanbul", "straße", "don't", " ", "\n", "\r\n", "\n\n", "#tag",
    "x#y", "`code`", "``a`b``", "[[Note]]", "[[Note|the alias]]", "![[img.png]]",
    "[text](url.md)", "https://example.com/path", "&amp;", "&eacute;", "$x^2$", "a$b$",
    "$$\nmath\n$$\n", "```python\ncode here\n```\n", "    indented code\n", "<b>bold</b>",
    "<code>raw</code>", "<!-- comment -->", "%%hidden%%", "## Heading", "> [!note] Title",
    "^block-id", "[ref]: https://x.y", "\\*", "foo_bar", "ab12cd", "'quoted'", "—", "🧠",
    "---\ntitle: Tïtle\ntags: [a, b]\n---\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_the_index_words_are_the_words_of_the_whole_text(text):
    """The index takes a note's words from its prose and the rest in one pass (with the terms):
    the same words as from the whole text."""
    entry = Vault(Path("/nonexistent")).entry_from_text("Notes/N.md", text)
    assert entry.words == words_of(text)
