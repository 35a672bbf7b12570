"""The headings and blocks offered after '#' in a link, without a server."""

from __future__ import annotations

from blog_lsp.completion.subpaths import SubpathChoice, subpath_choices
from blog_lsp.text import split_lines
from blog_lsp.vault.parse import parse_note

TEXT = "# Notes\n\n## Setup: the [first] part\n\nA fact. ^fact\n\n### Results\n"


def _never(note):
    raise AssertionError("the lines are read only for blocks")


def test_headings_in_the_notes_order_as_links_write_them():
    note = parse_note("N.md", TEXT)
    choices = subpath_choices(note, "", "N", _never)
    assert [choice.linked for choice in choices] == ["Notes", "Setup the first part", "Results"]
    assert choices[1].label == "Setup: the [first] part"
    assert choices[1].detail == "## heading in N"


def test_headings_best_match_first():
    note = parse_note("N.md", TEXT)
    labels = [choice.label for choice in subpath_choices(note, "res", "N", _never)]
    assert labels[0] == "Results" and len(labels) == 3


def test_blocks_with_their_text():
    note = parse_note("N.md", TEXT)
    choices = subpath_choices(note, "^", "this note", lambda n: split_lines(TEXT))
    assert choices == [SubpathChoice("^fact", "^fact", "block in this note", "A fact.")]
    plain = parse_note("P.md", "# P\n")
    assert subpath_choices(plain, "^", "P", _never) == []
