"""The pure parts of navigation: what is at a position, subpaths, names, excerpts."""

from __future__ import annotations

import pytest

from blog_lsp.cursor.at_position import (
    BlockAt,
    HeadingAt,
    LinkAt,
    TagAt,
    TitleAt,
    heading_path,
    subpath_components,
    thing_at,
    title_heading,
)
from blog_lsp.server.hover import _excerpt
from blog_lsp.text import Position
from blog_lsp.vault.parse import parse_note

TEXT = """---
title: My Note
tags: [ML, "#quoted"]
---

# My Note

See [[Other#Part A#Part B|shown]] and #ML/attention here. ^anchor

## Part A

### Part B

```python
code
```
"""


@pytest.fixture
def note():
    return parse_note("Folder/My Note.md", TEXT)


def at(note, needle, offset=0):
    index = TEXT.index(needle) + offset
    line = TEXT.count("\n", 0, index)
    return thing_at(note, Position(line, index - (TEXT.rfind("\n", 0, index) + 1)))


def test_the_parts_of_a_link(note):
    assert at(note, "Other").part == "target"
    assert at(note, "Other", 5).part == "target"  # just before '#'
    assert at(note, "Part A#").part == "subpath"
    assert at(note, "shown").part == "alias"
    assert at(note, "[[Other", 1).part == "brackets"
    assert isinstance(at(note, "[[Other"), LinkAt)


def test_tags_headings_blocks_and_the_title(note):
    inline = at(note, "#ML/attention")
    assert isinstance(inline, TagAt) and inline.tag.name == "ML/attention"
    assert inline.range.start.character == TEXT.split("\n")[7].index("#ML")  # with its '#'
    assert isinstance(at(note, "ML, "), TagAt)
    heading = at(note, "# My Note", 3)
    assert isinstance(heading, HeadingAt) and heading.is_title
    part = at(note, "## Part A", 4)
    assert isinstance(part, HeadingAt) and not part.is_title
    assert isinstance(at(note, "^anchor", 2), BlockAt)
    assert isinstance(at(note, "My Note\ntags"), TitleAt)
    assert at(note, "here.") is None


def test_the_title_heading_must_spell_the_name():
    assert title_heading(parse_note("A.md", "# a\n")) is not None
    assert title_heading(parse_note("A.md", "# Something else\n# A\n")) is None


def test_subpaths_walk_like_obsidian(note):
    assert subpath_components("Part A# Part B ") == [(0, 6, "Part A"), (8, 14, "Part B")]
    assert subpath_components("#A##B") == [(1, 2, "A"), (4, 5, "B")]
    walked = heading_path(note, "Part A#Part B")
    assert [heading.text for _, _, heading in walked] == ["Part A", "Part B"]
    assert heading_path(note, "Part B#Part A") is None  # each part after the previous one


def test_an_excerpt_closes_a_code_block_it_cuts(note):
    part_b = note.headings[2]
    excerpt = _excerpt(note, part_b)
    assert excerpt.startswith("```python\ncode\n```")
    cut = parse_note("x.md", "# x\n\n```\n" + "line\n" * 20 + "```\n")
    assert _excerpt(cut, None).endswith("\n```")
    assert _excerpt(note, None).startswith("See [[Other")  # after the frontmatter and H1


# -- workspace symbols: ranked and cut as [[ completion is -----------------------------------


def test_workspace_symbols_keep_only_names_holding_the_query(make_vault):
    from blog_lsp.server.symbols import SymbolIndex
    from blog_lsp.vault.vault import Vault

    root = make_vault(
        {
            "Notes/LoRA.md": "# LoRA\n\n## Low-rank adapters\n",
            "Notes/Latin1.md": "# Latin1\n\nBytes.\n",
            "Notes/RAG.md": "# RAG\n\n## Retrieval\n",
            "Notes/Transformers.md": "# Transformers\n\n## Translation layers\n",
            "Notes/Tokens.md": "# Tokens\n\nWords.\n",
        }
    )
    index = SymbolIndex()
    index.refresh(Vault.open(root).scanned())

    def names(query: str) -> list[str]:
        return [entry.name for entry, _ in index.search(query)]

    # Only names holding the letters typed, in order, as the [[ menu shows them.
    assert names("lora") == ["LoRA", "Low-rank adapters"]
    assert names("trans") == ["Transformers", "Translation layers"]
    # A typo, with nothing holding its letters in order, still finds the near miss.
    assert names("tranformers")[0] == "Transformers"
    assert names("qqxzv") == []
