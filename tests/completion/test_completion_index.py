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
