"""The per-vault index completion keeps in step with the vault's, without a server."""

from __future__ import annotations

from pathlib import Path

from blog_lsp.completion.index import CompletionIndex
from blog_lsp.vault.vault import Vault


def _vault(tmp_path: Path) -> Vault:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "A.md").write_text("---\naliases: [Alpha]\ntags: [x, ML]\n---\n#ml\n")
    (tmp_path / "B.md").write_text("---\ntitle: Bee\ntags: [ML]\n---\n# B\n")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    return Vault.open(tmp_path)


def test_the_index_follows_notes_that_change_come_and_go(tmp_path):
    vault = _vault(tmp_path)
    index = CompletionIndex.build(vault)
    assert index.tag_notes == {"ml": 2, "x": 1}
    labels = {choice.label: choice.kind for choice in index.choices()[0]}
    assert labels == {
        "A": "note",
        "Alpha": "alias",
        "B": "note",
        "Bee": "title",
        "pic.png": "attachment",
    }
    choices = index.choices()[0]
    assert index.current_for(vault).choices()[0] is choices  # nothing changed: nothing rebuilt

    vault = vault.with_text("B.md", "---\ntitle: Bee\ntags: [ML, new]\n---\n# B\n")
    index = index.current_for(vault)
    assert index.tag_notes["new"] == 1
    assert index.choices()[0] is choices  # the names are the same

    vault = vault.with_text("B.md", "---\ntitle: Bumblebee\n---\n").without("A.md")
    index = index.current_for(vault)
    assert index.tag_notes == {}
    assert {choice.label for choice in index.choices()[0]} == {"B", "Bumblebee", "pic.png"}


def test_ranking_puts_prefixes_and_short_names_first(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    for name in ("Machine Learning", "Learning LLMs", "Learn", "Unrelated"):
        (tmp_path / f"{name}.md").write_text("# x\n")
    index = CompletionIndex.build(Vault.open(tmp_path))
    ranked, more = index.rank_links("learn")
    assert [choice.label for choice in ranked] == ["Learn", "Learning LLMs", "Machine Learning"]
    assert not more
    assert [choice.label for choice in index.rank_links("lerning")[0]][:2] == [
        "Learning LLMs",
        "Machine Learning",
    ]
    # A typo (no name holds the letters in order): near misses, and ask again.
    ranked, more = index.rank_links("laerning")
    assert ranked[0].label == "Learning LLMs" and more
    assert index.rank_links("")[0][0].label == "Learn"  # nothing typed: short names first


def test_names_match_whatever_their_unicode_form(tmp_path):
    """A decomposed name on disk (as macOS stores it) and a composed one typed, or the other
    way round: the same name, in ranking, in paths, and not listed twice as its own title."""
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "Places").mkdir()
    (tmp_path / "Places" / "Cafe\u0301 Culture.md").write_text(
        "---\ntitle: Caf\u00e9 Culture\n---\n"
    )
    (tmp_path / "Cafeteria.md").write_text("# x\n")
    index = CompletionIndex.build(Vault.open(tmp_path))
    labels = [choice.label for choice in index.choices()[0]]
    assert labels.count("Cafe\u0301 Culture") == 1 and "Caf\u00e9 Culture" not in labels
    ranked, _ = index.rank_links("caf\u00e9")
    assert ranked[0].label == "Cafe\u0301 Culture"
    ranked, _ = index.rank_links("cafe\u0301")
    assert ranked[0].label == "Cafe\u0301 Culture"


def test_related_notes_come_first_among_equal_matches(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    names = (
        "Spark Joins",
        "Spark Shuffles",
        "Sparse Attention",
        "Sparkling Water",
        "A Spark Primer",
    )
    for name in names:
        (tmp_path / f"{name}.md").write_text("# x\n")
    index = CompletionIndex.build_ready(Vault.open(tmp_path))
    plain = [choice.label for choice in index.rank_links("spark")[0]]
    assert plain == ["Spark Joins", "Spark Shuffles", "Sparkling Water", "A Spark Primer"]
    related = {"Spark Shuffles.md": 0, "A Spark Primer.md": 1}
    ranked = [choice.label for choice in index.rank_links("spark", related)[0]]
    # Of the two names that are the word typed and one more, the related one first; a related
    # note that matches less well (the word typed is not its start) stays behind.
    assert ranked == ["Spark Shuffles", "Spark Joins", "Sparkling Water", "A Spark Primer"]
    # Nothing typed: the related notes first, in their order, then the rest as before.
    empty = [choice.label for choice in index.rank_links("", related)[0]]
    assert empty[:2] == ["Spark Shuffles", "A Spark Primer"]
    assert empty[2:] == [
        label for label in (c.label for c in index.rank_links("")[0]) if label not in empty[:2]
    ]
    assert index.rank_links("", {})[0] == index.rank_links("")[0]


def test_a_related_note_past_the_first_few_hundred_matches_is_still_found(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    for number in range(450):
        (tmp_path / f"Note {number:03d}.md").write_text("# x\n")
    (tmp_path / "Note Zebra Crossing.md").write_text("# x\n")
    index = CompletionIndex.build_ready(Vault.open(tmp_path))
    assert "Note Zebra Crossing" not in [c.label for c in index.rank_links("note")[0]]
    ranked = index.rank_links("note", {"Note Zebra Crossing.md": 0})[0]
    assert "Note Zebra Crossing" in [choice.label for choice in ranked]
