"""Unit tests for completion without a server: where the cursor stands (the context)."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_lsp.cursor.completion_context import (
    KeyContext,
    LinkContext,
    TagContext,
    ValueContext,
    block_spans,
    detect,
    link_heading,
)
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault

CURSOR = "‸"


def at(marked: str):
    offset = marked.index(CURSOR)
    return detect(marked.replace(CURSOR, ""), offset)


def replaced(marked: str, new_text: str) -> str:
    """The text after a context's replacement range is replaced with ``new_text``."""
    context = at(marked)
    text = marked.replace(CURSOR, "")
    return text[: context.start] + new_text + text[context.end :]


FRONT = "---\ntype: Blog\n{}\n---\n\n# Post\n"


# -- tags ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "typed", "place", "listed"),
    [
        ("tags: [blog, M‸]", "M", "flow", {"blog"}),
        ("tags: [blog, M‸", "M", "flow", {"blog"}),
        ("tags: [‸]", "", "flow", set()),
        ("tags: ['blog', 'tra‸']", "tra", "flow", {"blog"}),
        ("tags: blog, tra‸", "tra", "string", {"blog"}),
        ("tags: blog tra‸", "tra", "string", {"blog"}),
        ("tags: ‸", "", "string", set()),
        ("tags:\n  - blog\n  - tra‸", "tra", "block", {"blog"}),
        ("tags:\n- blog\n- ML/‸\n- LLM", "ML/", "block", {"blog", "llm"}),
    ],
)
def test_frontmatter_tags(line, typed, place, listed):
    context = at(FRONT.format(line))
    assert isinstance(context, TagContext)
    assert (context.typed, context.place, set(context.listed)) == (typed, place, listed)


def test_a_tag_replacement_takes_the_rest_of_the_name():
    assert replaced(FRONT.format("tags: [blog, tr‸ansf]"), "transformers").startswith(
        "---\ntype: Blog\ntags: [blog, transformers]\n"
    )


@pytest.mark.parametrize(
    "line",
    [
        "tags:‸",  # no space yet
        "tags: [blog]‸",  # after the list
        "tags: [blog, #‸",  # a YAML comment
        "title: About #M‸",
        "description: See [[x]] #M‸",
        "aliases:\n  - M‸",
    ],
)
def test_no_frontmatter_tags(line):
    context = at(FRONT.format(line))
    assert not isinstance(context, TagContext)


@pytest.mark.parametrize(
    ("marked", "typed"),
    [
        ("Text #M‸", "M"),
        ("Text #‸", ""),
        ("#ML‸ at the start", "ML"),
        ("(#ML/‸)", "ML/"),
        ("## About #tra‸", "tra"),
        ("- #LL‸M", "LL"),
        ("Emoji 🧠 #tr‸", "tr"),
    ],
)
def test_inline_tags(marked, typed):
    context = at("# Post\n\n" + marked)
    assert isinstance(context, TagContext)
    assert (context.typed, context.place) == (typed, "inline")


@pytest.mark.parametrize(
    "marked",
    [
        "#‸",  # a heading being started
        "##‸",
        "## Title‸",
        "word#M‸",
        "\\#M‸",
        "`grep #M‸`",
        "``a ` #M‸``",
        "https://example.com/page#M‸",
        "https://example.com/#M‸",
        "See (https://example.com/a,#M‸)",
        "[text](#M‸)",
        "[text](Note.md#M‸)",
        "<https://example.com/#M‸>",
        "```\n#M‸\n```",
        "~~~md\ncode #M‸\n~~~",
        "  ```\n  #M‸",  # an unclosed fence runs to the end
        "$$\n#M‸\n$$",
        "%%\n#M‸\n%%",
        "<!--\n#M‸\n-->",
    ],
)
def test_no_inline_tags(marked):
    assert at("# Post\n\n" + marked) is None


def test_code_blocks_are_found_as_the_parser_finds_them():
    text = (
        "# A\n\n```py\nx\n```\n\n~~~\n```\n~~~\n\n$$\nm\n$$\n\n%% c %%\n\n<!--\nh\n-->\n\n"
        "````\n```\n````\n\n`` ```inline`` \n\n```\nnot closed\n"
    )
    spans = list(block_spans(text, 0))
    blocks = [text[begin:end].split("\n", 1)[0] for begin, end in spans]
    assert blocks == ["```py", "~~~", "$$", "<!--", "````", "```"]
    assert spans[-1][1] == len(text)  # the unclosed fence runs to the end


def test_carriage_returns_end_lines_too():
    text = "# Post\r\n\r\n```\r\n#M\r\n```\r\nText #tx\r\nSee [[Lea]]\r\n"
    context = detect(text, text.index("#tx") + 2)
    assert isinstance(context, TagContext) and (context.typed, context.end - context.start) == (
        "t",
        2,
    )
    assert detect(text, text.index("#M") + 2) is None
    context = detect(text, text.index("Lea") + 3)
    assert isinstance(context, LinkContext) and context.closing == "]]"
    assert text[context.start : context.end] == "Lea]]"


# -- links -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marked", "target", "subpath", "alias", "closing", "after"),
    [
        ("See [[Learn‸]] now", "Learn", None, None, "]]", "See [[X]] now"),
        ("See [[Learn‸ now", "Learn", None, None, "]]", "See [[X]] now"),
        ("See [[Learn‸] now", "Learn", None, None, "]]", "See [[X]] now"),
        ("See [[Learning L‸]]", "Learning L", None, None, "]]", "See [[X]]"),
        ("[[Lea‸rning LLMs]]", "Lea", None, None, "]]", "[[X]]"),
        ("[[Lea‸rn#Heading]]", "Lea", None, None, "", "[[X#Heading]]"),
        ("[[Lea‸rn|shown]]", "Lea", None, None, "", "[[X|shown]]"),
        ("[[Transformers#Dec‸]]", "Transformers", "Dec", None, "]]", "[[X]]"),
        ("[[Transformers#‸|text]]", "Transformers", "", None, "", "[[X|text]]"),
        ("[[Transformers#^‸]]", "Transformers", "^", None, "]]", "[[X]]"),
        ("[[#‸]]", "", "", None, "]]", "[[X]]"),
        ("[[Attention|Se‸]]", "Attention", None, "Se", "]]", "[[X]]"),
        ("[[a]] and [[b‸", "b", None, None, "]]", "[[a]] and [[X]]"),
        ("[[Learn‸ and [[Other]]", "Learn", None, None, "]]", "[[X]] and [[Other]]"),
    ],
)
def test_links(marked, target, subpath, alias, closing, after):
    context = at(marked)
    assert isinstance(context, LinkContext)
    assert (context.target, context.subpath, context.alias) == (target, subpath, alias)
    assert context.closing == closing
    assert replaced(marked, "X" + context.closing) == after


def test_embeds_and_links_in_properties():
    context = at("# Post\n\n![[diag‸]]")
    assert isinstance(context, LinkContext) and context.embed
    context = at(FRONT.format('related: "[[Lea‸'))
    assert isinstance(context, LinkContext) and context.target == "Lea"


@pytest.mark.parametrize(
    "marked",
    ["See [Learn‸", "[[Attention]] and‸", "`[[Lea‸`", "```\n[[Lea‸\n```", "[[a]]‸"],
)
def test_no_links(marked):
    assert at("# Post\n\n" + marked) is None


def test_link_heading_text_finds_its_heading():
    text = "# A: B\n\n## Chapter 3: [Coding] | attention#1 ^x\n\n## 100% \\ done\n"
    note = parse_note("Note.md", text)
    vault = Vault(Path("/nowhere"))
    for heading in note.headings:
        assert vault.find_subpath(note, link_heading(heading.text)) is heading
    assert link_heading("Chapter 3: Coding attention") == "Chapter 3 Coding attention"


# -- frontmatter -----------------------------------------------------------------------


def test_keys_on_an_empty_line_or_a_key_being_typed():
    context = at("---\ntype: Blog\ntitle: T\n‸\n---\n")
    assert isinstance(context, KeyContext)
    assert context.present == {"type", "title"} and context.declared_type == "Blog"
    context = at("---\ntitle: T\nsta‸\n---\n")
    assert isinstance(context, KeyContext)
    assert (context.typed, context.end - context.start) == ("sta", 3)
    assert context.declared_type is None


@pytest.mark.parametrize(
    "marked",
    [
        "---\ntitle: T‸\n---\n",
        "---\nti‸tle: T\n---\n",
        "---\n  ‸\n---\n",
        "‸---\ntitle: T\n---\n",
        "---\ntitle: T\n---‸\n",
        "---\ntitle: T\n---\n‸\n",
    ],
)
def test_no_keys(marked):
    assert not isinstance(at(marked), KeyContext)


def test_values():
    context = at("---\nstatus: dr‸aft\n---\n")
    assert isinstance(context, ValueContext)
    assert (context.key, context.typed) == ("status", "dr")
    assert replaced("---\nstatus: dr‸aft  \n---\n", "review") == "---\nstatus: review  \n---\n"
    assert isinstance(at("---\ndate: '20‸\n---\n"), ValueContext)
    assert at("---\nstatus:‸\n---\n") is None
    assert at("---\nauthor: ‸\n---\n") is None


def test_positions_past_the_end_are_clamped():
    assert isinstance(detect("# A\n\n[[Lea", 10_000), LinkContext)
    assert detect("", 5) is None
