"""What links to a note, a heading or a tag, found across a vault without a server."""

from __future__ import annotations

from dataclasses import dataclass, field

from blog_lsp.vault import backlinks
from blog_lsp.vault.backlinks import same_tag
from blog_lsp.vault.index import link_name
from blog_lsp.vault.model import Note
from blog_lsp.vault.vault import Vault


@dataclass
class SavedNotes:
    """A note source reading each note as saved (what the server's reader does for notes
    that are not open)."""

    vault: Vault
    parsed: dict[str, Note] = field(default_factory=dict)

    def note(self, relative: str) -> Note:
        if relative not in self.parsed:
            self.parsed[relative] = self.vault.load(relative)
        return self.parsed[relative]

    def tags_of(self, relative: str) -> Note:
        return self.note(relative)


def test_link_names_and_tags():
    assert link_name("../Notes/Attention.md") == "attention"
    assert link_name("Notes\\Attention") == "attention"
    assert same_tag("ML", "ml")
    assert not same_tag("ML", "ML/attention")


def _vault(tmp_path) -> Vault:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "Notes").mkdir()
    (tmp_path / "Notes" / "Attention.md").write_text("# Attention\n\n## Heads\n\nSee [[#Heads]].\n")
    (tmp_path / "Post.md").write_text(
        "# Post\n\n[[Attention]], [[Attention#Heads|heads]] and [[Attentive]]. #ML\n"
    )
    (tmp_path / "Other.md").write_text("# Other\n\n#ml #ML/attention\n")
    return Vault.open(tmp_path)


def test_links_to_a_note_leave_out_its_own_heading_links(tmp_path):
    source = SavedNotes(_vault(tmp_path))
    found = backlinks.links_to_note(source, "Notes/Attention.md")
    assert [(note.path, link.target, link.subpath) for note, link in found] == [
        ("Post.md", "Attention", None),
        ("Post.md", "Attention", "Heads"),
    ]
    assert backlinks.links_to_note(source, "Post.md") == []


def test_links_to_a_heading_from_other_notes_and_the_note_itself(tmp_path):
    source = SavedNotes(_vault(tmp_path))
    target = source.note("Notes/Attention.md")
    heads = target.headings[1]
    found = backlinks.links_to_heading(source, target, heads)
    assert sorted(item.note.path for item in found) == ["Notes/Attention.md", "Post.md"]
    assert all(len(item.spans) == 1 for item in found)
    assert backlinks.links_to_heading(source, target, target.headings[0]) == []


def test_uses_of_a_tag_match_exactly_but_for_case(tmp_path):
    vault = _vault(tmp_path)
    found = backlinks.tag_occurrences(SavedNotes(vault), "ml")
    assert sorted((note.path, tag.name) for note, tag in found) == [
        ("Other.md", "ml"),
        ("Post.md", "ML"),
    ]
    use = backlinks.tag_use(vault, "ML")
    assert use.notes == 2 and use.nested == {"ML/attention": 1}
    assert backlinks.tag_use(vault, "none") == backlinks.TagUse(0, {})
