"""Link checks: unresolved notes, headings and blocks; ambiguous targets."""

from __future__ import annotations

import pytest

from blog_lsp.checks import CheckContext, check_note
from blog_lsp.text import Range
from blog_lsp.vault.vault import Vault


@pytest.fixture
def vault(make_vault) -> Vault:
    root = make_vault(
        {
            "Notes/Target.md": "# Target\n## Part one\nA line. ^anchor\n",
            "A/Twin.md": "x",
            "B/Deeper/Twin.md": "x",
            "img/chart.png": b"\x89PNG",
        }
    )
    return Vault.open(root)


def link_findings(vault: Vault, text: str) -> list[tuple[str, Range]]:
    vault = vault.with_text("Source.md", text)
    note = vault.load("Source.md", text)
    return [
        (item.code, item.range)
        for item in check_note(note, CheckContext(vault))
        if item.code.startswith("link-")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[[Target]]",
        "[[target]]",
        "[[Notes/Target]]",
        "[[Target.md]]",
        "[[Target#Part one]]",
        "[[Target#part ONE]]",
        "[[Target#^anchor]]",
        "[[Target|shown]]",
        "![[chart.png]]",
        "[[#Local]]\n# Local",
        "[text](Notes/Target.md#Part%20one)",
        "`[[Missing in code]]`",
        "```\n[[Missing in a fence]]\n```",
    ],
)
def test_links_that_resolve_give_no_finding(vault, text):
    assert link_findings(vault, text) == []


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ("See [[Nowhere]].", "link-unresolved", Range.on_line(0, 6, 13)),
        ("😀 [[Nowhere|alias]]", "link-unresolved", Range.on_line(0, 4, 11)),
        ("[[Target#No such heading]]", "link-heading-unresolved", Range.on_line(0, 9, 24)),
        ("[[Target#^missing]]", "link-heading-unresolved", Range.on_line(0, 9, 17)),
        ("[[#Not here]]", "link-heading-unresolved", Range.on_line(0, 3, 11)),
        ("[[Twin]]", "link-ambiguous", Range.on_line(0, 2, 6)),
        ("[x](Missing.md)", "link-unresolved", Range.on_line(0, 4, 14)),
        ("![[missing.png]]", "link-unresolved", Range.on_line(0, 3, 14)),
    ],
)
def test_broken_links_are_reported_at_the_right_place(vault, text, code, where):
    assert link_findings(vault, text) == [(code, where)]


def test_ambiguous_link_names_the_chosen_note(vault):
    vault = vault.with_text("Source.md", "[[Twin]]")
    (item,) = check_note(vault.load("Source.md", "[[Twin]]"), CheckContext(vault))
    assert "A/Twin.md" in item.message and "B/Deeper/Twin.md" in item.message
    assert item.data["candidates"] == ["A/Twin.md", "B/Deeper/Twin.md"]


def test_a_folder_in_the_link_removes_the_ambiguity(vault):
    assert link_findings(vault, "[[A/Twin]] [[Deeper/Twin]]") == []


def test_heading_links_use_the_unsaved_text_of_the_note_itself(vault):
    # The note being checked links to its own new heading: it must use the text it was given.
    text = "[[#Fresh heading]]\n## Fresh heading\n"
    assert link_findings(vault, text) == []


def test_link_appears_when_the_note_is_created(vault):
    assert link_findings(vault, "[[Later]]") == [("link-unresolved", Range.on_line(0, 2, 7))]
    vault = vault.with_text("Later.md", "# Later\n")
    assert link_findings(vault, "[[Later]]") == []


@pytest.mark.parametrize(
    "text",
    [
        "See [page on python setup](/python).",
        "[About](/about/) and [the archive](/blog/2023/)",
        "[a section of the site](/notes/setup#install)",
    ],
)
def test_markdown_links_to_site_paths_are_not_vault_files(vault, text):
    assert link_findings(vault, text) == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[x](Missing.md)", Range.on_line(0, 4, 14)),
        ("[x](/Notes/Missing.md)", Range.on_line(0, 4, 21)),
        ("[chart](img/missing.png)", Range.on_line(0, 8, 23)),
        ("[up](../elsewhere/plan.pdf)", Range.on_line(0, 5, 26)),
    ],
)
def test_markdown_links_to_missing_files_are_reported_as_files(vault, text, where):
    vault = vault.with_text("Source.md", text)
    findings = [
        item
        for item in check_note(vault.load("Source.md", text), CheckContext(vault))
        if item.code == "link-unresolved"
    ]
    assert [item.range for item in findings] == [where]
    assert findings[0].message.startswith("No file '")


def test_wiki_links_keep_the_note_message(vault):
    vault = vault.with_text("Source.md", "[[Nowhere]]")
    (item,) = check_note(vault.load("Source.md", "[[Nowhere]]"), CheckContext(vault))
    assert item.message == "No note called 'Nowhere' in the vault."
