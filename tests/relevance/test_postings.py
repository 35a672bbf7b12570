"""The term index: updated note by note, it answers as a plain BM25 over the notes as they
are now; the vault index keeps it in step with every change; many changes build a new base."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blog_lsp.relevance import postings
from blog_lsp.relevance.postings import K1, TermIndex
from blog_lsp.relevance.terms import encode_terms
from blog_lsp.vault.index import IndexBuilder, IndexEntry
from blog_lsp.vault.vault import Vault

WORDS = ["attention", "cache", "kv", "lora", "rank", "adapter", "query"]
PATHS = [f"Notes/N{number}.md" for number in range(6)]

counts = st.dictionaries(st.sampled_from(WORDS), st.integers(1, 5), max_size=5)
operations = st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(st.none(), counts)), max_size=25)


def naive_scores(
    notes: dict[str, dict[str, int]], query: dict[str, float], average: float
) -> dict[str, float]:
    """BM25 written out plainly, over every note: the reference the index must agree with."""
    total = len(notes)
    found: dict[str, float] = {}
    for path, terms in notes.items():
        norm = K1 * (1 - 0.75 + 0.75 * sum(terms.values()) / average) if average else K1
        score = 0.0
        for term, weight in query.items():
            if term in terms:
                df = sum(term in other for other in notes.values())
                idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
                score += weight * idf * terms[term] * (K1 + 1) / (terms[term] + norm)
        if score:
            found[path] = score
    return found


def with_idf(index: TermIndex, query: dict[str, float]) -> dict[str, float]:
    return {term: weight * index.idf(term) for term, weight in query.items()}


@settings(max_examples=150, deadline=None)
@given(start=st.dictionaries(st.sampled_from(PATHS), counts), changes=operations)
def test_updated_note_by_note_it_answers_as_bm25_over_the_notes_now(start, changes):
    notes = dict(start)
    index = TermIndex.build((path, encode_terms(terms)) for path, terms in notes.items())
    average = index.base.average_length
    for path, terms in changes:
        updater = index.updater()
        updater.remove(path, encode_terms(notes.get(path, {})))
        if terms is None:
            notes.pop(path, None)
        else:
            updater.add(path, encode_terms(terms))
            notes[path] = terms
        index = updater.finish()

    assert index.documents == len(notes)
    assert index.total_length == sum(sum(terms.values()) for terms in notes.values())
    for word in WORDS:
        assert index.df(word) == sum(word in terms for terms in notes.values())
    query = {"attention": 1.0, "kv": 2.0, "lora": 0.5}
    # Lengths are normalised by the average at the base's build (see TermIndex.norm).
    reference = naive_scores(notes, query, average or index.average_length)
    found = index.scores(with_idf(index, query))
    assert found.keys() == reference.keys()
    for path, score in reference.items():
        assert found[path] == pytest.approx(score, rel=1e-5)


def test_a_keystroke_changes_only_the_terms_it_changed():
    index = TermIndex.build([("a.md", encode_terms({"kv": 2, "cache": 1}))])
    updater = index.updater()
    updater.remove("a.md", encode_terms({"kv": 2, "cache": 1}))
    updater.add("a.md", encode_terms({"kv": 2, "cache": 1}))  # typed into the base copy
    first = updater.finish()
    updater = first.updater()
    updater.remove("a.md", encode_terms({"kv": 2, "cache": 1}))
    updater.add("a.md", encode_terms({"kv": 2, "cache": 2}))
    second = updater.finish()
    assert second.postings["kv"] is first.postings["kv"]  # untouched: shared
    assert dict(second.postings["cache"]) == {"a.md": 2}
    assert second.documents == 1 and second.total_length == 4


def test_key_terms_leave_out_words_only_the_note_itself_holds():
    index = TermIndex.build(
        [
            ("draft.md", encode_terms({"speculative": 3, "decoding": 2, "draft": 1})),
            ("other.md", encode_terms({"decoding": 1, "beam": 1})),
            ("third.md", encode_terms({"beam": 2})),
        ]
    )
    own = {"speculative": 3, "decoding": 2, "draft": 1}
    query = index.key_terms({"speculative": 3, "decoding": 2, "draft": 1}, 5, own)
    assert list(query) == ["decoding"]  # only 'decoding' leads to another note


def entry(path: str, text: str) -> IndexEntry:
    return Vault(__import__("pathlib").Path("/nonexistent")).entry_from_text(path, text)


def test_the_vault_index_keeps_its_term_index_in_step():
    builder = IndexBuilder()
    builder.add(entry("Notes/Attention.md", "# Attention\n\nQueries, keys and values.\n"))
    builder.add(entry("Notes/LoRA.md", "# LoRA\n\nLow-rank adapters for fine-tuning.\n"))
    index = builder.finish()
    assert index.relevance.df("adapter") == 1

    index = index.with_entry(entry("Notes/LoRA.md", "# LoRA\n\nRank and alpha.\n"))
    assert index.relevance.df("adapter") == 0
    assert index.relevance.df("alpha") == 1
    index = index.with_entry(entry("Notes/QLoRA.md", "# QLoRA\n\nQuantised adapters.\n"))
    assert set(index.relevance.scores({"adapter": 1.0})) == {"Notes/QLoRA.md"}
    index = index.without("Notes/QLoRA.md")
    assert index.relevance.scores({"adapter": 1.0}) == {}
    assert index.relevance.documents == 2


def test_many_changes_build_a_new_base(monkeypatch):
    monkeypatch.setattr(postings, "COMPACT_AT", 3)
    builder = IndexBuilder()
    for number in range(4):
        builder.add(entry(f"Notes/N{number}.md", f"Note about kv caching {number}.\n"))
    index = builder.finish()
    for number in range(4):
        index = index.with_entry(entry(f"Notes/N{number}.md", "Now about lora adapters.\n"))
    relevance = index.relevance
    assert relevance.overlay_size == 0  # built again from every note's terms
    assert relevance.df("adapter") == 4 and relevance.df("caching") == 0
    assert set(relevance.scores({"adapter": 1.0})) == {f"Notes/N{n}.md" for n in range(4)}


def test_a_new_index_builds_its_base_on_first_search_and_updates_never_need_it() -> None:
    notes = {
        "a.md": {"kv": 2, "cache": 1},
        "b.md": {"cache": 3, "lora": 1},
        "c.md": {"lora": 2, "rank": 2},
    }
    items = [(path, encode_terms(terms)) for path, terms in notes.items()]
    lazy = TermIndex.build(items)
    updater = lazy.updater()
    updater.remove("b.md", items[1][1])
    updater.add("b.md", encode_terms({"cache": 1, "rank": 4}))
    updater.remove("c.md", items[2][1])
    changed = updater.finish()
    assert not lazy.built and not changed.built
    assert changed.documents == 2 and "c.md" not in changed and "b.md" in changed
    query = {"rank": 1.0, "cache": 1.0}
    found = changed.scores(query)
    assert changed.built and lazy.built  # one base, built once, for both values
    assert set(found) == {"a.md", "b.md"}
    # The same answers as an index built whole from the notes as they are now.
    whole = TermIndex.build([items[0], ("b.md", encode_terms({"cache": 1, "rank": 4}))])
    assert changed.documents == whole.documents
    assert changed.total_length == whole.total_length
    assert changed.df("rank") == whole.df("rank") and changed.df("lora") == whole.df("lora")


def test_holders_are_the_current_notes_with_the_term() -> None:
    index = TermIndex.build(
        [("a.md", encode_terms({"lora": 2, "rank": 1})), ("b.md", encode_terms({"lora": 1}))]
    )
    updater = index.updater()
    updater.remove("b.md", encode_terms({"lora": 1}))  # b no longer says it
    updater.add("b.md", encode_terms({"alpha": 1}))
    updater.add("c.md", encode_terms({"lora": 1, "alpha": 3}))
    updated = updater.finish()
    assert sorted(updated.holders("lora")) == ["a.md", "c.md"]
    assert sorted(updated.holders("alpha")) == ["b.md", "c.md"]
    assert list(updated.holders("unknown")) == []
    assert sorted(index.holders("lora")) == ["a.md", "b.md"]  # the old value is unchanged
