"""Which tags completion offers, and in which order, without a server."""

from __future__ import annotations

from blog_lsp.completion.index import CompletionIndex
from blog_lsp.completion.tags import rank_tags, tag_counts
from blog_lsp.cursor.completion_context import TagContext, detect
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault

CURSOR = "‸"


def _index(tmp_path) -> CompletionIndex:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "A.md").write_text("# A\n#ML #ml/attention #html\n")
    (tmp_path / "B.md").write_text("# B\n#ML\n")
    return CompletionIndex.build(Vault.open(tmp_path))


def _context(marked: str) -> TagContext:
    context = detect(marked.replace(CURSOR, ""), marked.index(CURSOR))
    assert isinstance(context, TagContext)
    return context


def test_tags_it_begins_then_nested_parts_then_any_holding_it(tmp_path):
    index = _index(tmp_path)
    context = _context("# C\n#m‸\n")
    ranked = rank_tags(index, dict(index.tag_notes), ["Maths"], context)
    assert ranked == [("ML", 2), ("ml/attention", 1), ("Maths", 0), ("html", 1)]


def test_a_tag_matching_nothing_typed_or_already_listed_is_left_out(tmp_path):
    index = _index(tmp_path)
    assert rank_tags(index, dict(index.tag_notes), [], _context("# C\n#zz‸\n")) == []
    listed = _context("---\ntags: [ML, m‸]\n---\n")
    assert "ml" in listed.listed
    assert ("ML", 2) not in rank_tags(index, dict(index.tag_notes), [], listed)


def test_the_tag_being_typed_is_not_counted_as_a_use_unless_it_stands_elsewhere(tmp_path):
    index = _index(tmp_path)
    typing = "# A\n#ML #ml/attention #htm‸\n"
    note = parse_note("A.md", typing.replace(CURSOR, ""))
    vault = index.vault.with_text("A.md", typing.replace(CURSOR, ""))
    index = index.current_for(vault)
    context = _context(typing)
    counts = tag_counts(index, note, "A.md", context, typing.index(CURSOR))
    assert counts["htm"] == 0 and counts["ml"] == 2

    twice = "# A\n#htm #ML #ml/attention #htm‸\n"
    note = parse_note("A.md", twice.replace(CURSOR, ""))
    index = index.current_for(index.vault.with_text("A.md", twice.replace(CURSOR, "")))
    counts = tag_counts(index, note, "A.md", _context(twice), twice.index(CURSOR))
    assert counts["htm"] == 1


def test_tags_suggested_for_the_note_come_before_more_used_ones(tmp_path):
    index = _index(tmp_path)
    context = _context("---\ntags: [‸]\n---\n")
    by_use = rank_tags(index, dict(index.tag_notes), [], context)
    assert [name for name, _ in by_use] == ["ML", "html", "ml/attention"]
    suggested = rank_tags(index, dict(index.tag_notes), [], context, {"ml/attention": 0})
    assert [name for name, _ in suggested] == ["ml/attention", "ML", "html"]
    # Within what was typed: a tag it begins still comes before one that holds it.
    typed = rank_tags(index, dict(index.tag_notes), [], _context("# C\n#m‸\n"), {"html": 0})
    assert [name for name, _ in typed] == ["ML", "ml/attention", "html"]
