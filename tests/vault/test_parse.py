"""The note parser: frontmatter ranges, headings, links, tags, block ids and the prose mask."""

from __future__ import annotations

import re

import pytest

from blog_lsp.text import Range
from blog_lsp.vault.parse import parse_note


def prose_words(text: str) -> list[str]:
    note = parse_note("n.md", text)
    assert note.prose is not None
    assert len(note.prose) == len(text), "the mask keeps every offset"
    return re.findall(r"[\w:]+", note.prose)


def test_frontmatter_key_and_value_ranges_point_at_the_text():
    text = "---\ntitle: 'Hello 😀 World'\ndate: '2025-01-02'\n---\nBody\n"
    note = parse_note("n.md", text)
    field = note.frontmatter.fields["title"]
    assert field.key_range == Range.on_line(1, 0, 5)
    assert field.value_range == Range.on_line(1, 7, 7 + len("'Hello 😀 World'"))
    assert field.style == "'"
    assert field.value == "Hello 😀 World"
    assert note.frontmatter.fields["date"].value == "2025-01-02"


def test_unquoted_date_is_a_plain_scalar():
    note = parse_note("n.md", "---\ndate: 2025-01-02\n---\n")
    field = note.frontmatter.fields["date"]
    assert field.style == ""
    assert str(field.value) == "2025-01-02"


@pytest.mark.parametrize(
    ("yaml_text", "line", "column"),
    [
        ("title: [unclosed\n", 2, 0),
        ("title: ok\n  bad: indent\n", 2, 5),
        ("key: value\n: nothing\n", 2, 0),
    ],
)
def test_malformed_yaml_gives_an_error_with_its_position(yaml_text, line, column):
    note = parse_note("n.md", f"---\n{yaml_text}---\n# Heading\n")
    assert note.frontmatter.error is not None
    assert "not valid YAML" in note.frontmatter.error
    assert note.frontmatter.error_range.start.line >= 1
    # The body is still parsed.
    assert [h.text for h in note.headings] == ["Heading"]


def test_invalid_date_value_is_an_error_not_an_exception():
    note = parse_note("n.md", "---\ndate: 2025-13-45\n---\n")
    assert note.frontmatter.error is not None


def test_frontmatter_that_is_not_a_mapping():
    note = parse_note("n.md", "---\n- a\n- b\n---\n")
    assert "key: value" in note.frontmatter.error


def test_unclosed_frontmatter_is_reported_and_the_rest_is_body():
    note = parse_note("n.md", "---\ntitle: x\n# Heading\n")
    assert note.frontmatter is not None and not note.frontmatter.closed
    assert "never closed" in note.frontmatter.error
    assert [h.text for h in note.headings] == ["Heading"]


def test_no_frontmatter_when_the_note_does_not_start_with_dashes():
    note = parse_note("n.md", "Text\n---\ntitle: x\n---\n")
    assert note.frontmatter is None


def test_frontmatter_with_a_byte_order_mark():
    note = parse_note("n.md", "\ufeff---\ntitle: x\n---\n")
    assert note.frontmatter.get("title") == "x"


@pytest.mark.parametrize(
    ("tags_yaml", "expected"),
    [
        ("tags: [blog, ML, deep-learning]", ["blog", "ML", "deep-learning"]),
        ("tags:\n  - blog\n  - ML", ["blog", "ML"]),
        ("tags: blog, ML", ["blog", "ML"]),
        ("tags: blog ML", ["blog", "ML"]),
        ("tags: '#blog'", ["blog"]),
        ("tag: [nested/tag]", ["nested/tag"]),
        ("tags:", []),
        ("tags: [2024, blog]", ["blog"]),
    ],
)
def test_frontmatter_tags_in_every_form(tags_yaml, expected):
    note = parse_note("n.md", f"---\n{tags_yaml}\n---\n")
    assert [tag.name for tag in note.tags if tag.in_frontmatter] == expected


def test_frontmatter_tag_ranges_cover_each_name():
    text = "---\ntags: blog, ML\n---\n"
    note = parse_note("n.md", text)
    assert [t.range for t in note.tags] == [Range.on_line(1, 6, 10), Range.on_line(1, 12, 14)]
    block = parse_note("n.md", "---\ntags:\n  - blog\n---\n")
    assert block.tags[0].range == Range.on_line(2, 4, 8)


@pytest.mark.parametrize(
    ("aliases_yaml", "expected"),
    [
        ("aliases: [One, Two words]", ["One", "Two words"]),
        ("aliases:\n  - One\n  - Two", ["One", "Two"]),
        ("aliases: One, Two words", ["One", "Two words"]),
        ("aliases: Just one name", ["Just one name"]),
        ("alias: Old", ["Old"]),
    ],
)
def test_aliases_in_every_form(aliases_yaml, expected):
    assert parse_note("n.md", f"---\n{aliases_yaml}\n---\n").aliases == expected


def test_headings_with_levels_and_ranges_and_not_in_code():
    text = "# One\n\n```\n# not a heading\n```\n## Two ##\n####### seven\n#nospace\n"
    note = parse_note("n.md", text)
    assert [(h.level, h.text) for h in note.headings] == [(1, "One"), (2, "Two")]
    assert note.headings[1].text_range == Range.on_line(5, 3, 6)


def test_fences_inside_lists_and_tildes_are_code():
    text = "- item\n    ```python\n    # comment\n    ```\n~~~\n#tag\n~~~\nafter #real\n"
    note = parse_note("n.md", text)
    assert note.headings == []
    assert [t.name for t in note.tags] == ["real"]


def test_unclosed_fence_runs_to_the_end():
    note = parse_note("n.md", "text\n```\n#notatag [[NotALink]]\n")
    assert note.tags == [] and note.links == []


@pytest.mark.parametrize(
    ("source", "target", "subpath", "alias", "embed"),
    [
        ("[[Note]]", "Note", None, None, False),
        ("[[Note#Heading]]", "Note", "Heading", None, False),
        ("[[Note#^block-1]]", "Note", "^block-1", None, False),
        ("[[Note|Shown text]]", "Note", None, "Shown text", False),
        ("![[image.png]]", "image.png", None, None, True),
        ("[[folder/Note.md#A#B|x]]", "folder/Note.md", "A#B", "x", False),
        ("[[#Local heading]]", "", "Local heading", None, False),
        ("[[Note\\|alias in a table]]", "Note", None, "alias in a table", False),
    ],
)
def test_wiki_link_parts(source, target, subpath, alias, embed):
    (link,) = parse_note("n.md", f"See {source} here").links
    assert (link.target, link.subpath, link.alias, link.embed) == (target, subpath, alias, embed)


def test_wiki_link_part_ranges():
    text = "A 😀 [[My Note#Some Heading|an alias]]"
    (link,) = parse_note("n.md", text).links
    start = text.index("[[")
    assert link.range == Range.on_line(0, start, len(text))
    assert link.target_range == Range.on_line(0, start + 2, start + 9)
    assert link.subpath_range == Range.on_line(0, start + 10, start + 22)
    assert link.alias_range == Range.on_line(0, start + 23, start + 31)


def test_markdown_links_to_notes_but_not_urls():
    text = "[a](Other%20Note.md#Part) [b](https://example.com) [c](#local) [d](mailto:x@y.z)"
    links = parse_note("n.md", text).links
    assert [(link.target, link.subpath, link.markdown) for link in links] == [
        ("Other Note.md", "Part", True),
        ("", "local", True),
    ]


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("#tag and #nested/tag and #with-dash", ["tag", "nested/tag", "with-dash"]),
        ("#1984 is a number but #y1984 is a tag", ["y1984"]),
        ("see https://example.com/#fragment", []),
        ("a#b is not a tag", []),
        ("`#code` is code", []),
        ("[[Note#Heading]] is a link", []),
        ("(#inparens)", ["inparens"]),
        ("#émoji-ünïcode", ["émoji-ünïcode"]),
        ("\\#escaped", []),
    ],
)
def test_inline_tags_follow_obsidian(line, tags):
    assert [t.name for t in parse_note("n.md", line).tags] == tags


def test_tags_in_headings_are_found_but_the_markers_are_not_tags():
    note = parse_note("n.md", "## Heading #topic\n")
    assert [t.name for t in note.tags] == ["topic"]


def test_block_ids():
    note = parse_note("n.md", "A paragraph. ^para-1\n\n^standalone\nnot^inline\n")
    assert [b.id for b in note.block_ids] == ["para-1", "standalone"]
    assert note.block_ids[0].range == Range.on_line(0, 13, 20)


def test_prose_mask_hides_what_is_not_prose():
    text = (
        "---\ntitle: Colour guide\ndescription: About colour\nstatus: color\n---\n"
        'Prose `code color` [[Color Note|colour alias]] #color https://color.com <b class="color">'
        "text</b> $color^2$ <!-- color --> %%color%% [link text](color.md) [^color]\n"
        "```\ncolor\n```\n$$\ncolor\n$$\n"
    )
    words = prose_words(text)
    assert "color" not in words
    assert {"Colour", "guide", "About", "colour", "alias", "text", "link"} <= set(words)
    assert "status:" not in words and "title:" not in words


def test_prose_keeps_heading_text_but_not_markers():
    note = parse_note("n.md", "## Colour theory\n")
    assert note.prose == "   Colour theory\n"


def test_index_parse_keeps_no_text():
    note = parse_note("n.md", "# A\n[[B]]", full=False)
    assert note.text is None and note.prose is None
    assert [link.target for link in note.links] == ["B"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "---",
        "---\n",
        "---\n---",
        "[[",
        "]]",
        "[[]]",
        "![[",
        "```",
        "$$",
        "<!--",
        "%%",
        "#",
        "# ",
        "^",
        "\r\n\r\n",
        "line\rold mac\rline",
        "Ã©tÃ© â€” mojibake ðŸ‘‰ text",
        "\x00\x01\x02 control",
        "a" * 100_000,
        "[[" * 5000,
        "`" * 5000,
    ],
)
def test_odd_texts_never_raise(text):
    note = parse_note("n.md", text)
    assert len(note.prose) == len(text)


def test_carriage_return_line_endings_count_as_lines():
    note = parse_note("n.md", "# One\r\n## Two\r### Three\n")
    assert [(h.range.start.line, h.text) for h in note.headings] == [
        (0, "One"),
        (1, "Two"),
        (2, "Three"),
    ]


def test_frontmatter_with_windows_line_endings():
    note = parse_note("n.md", "---\r\ntitle: Hello\r\ntags: [a]\r\n---\r\n# Heading\r\n")
    assert note.frontmatter.closed and note.frontmatter.error is None
    assert note.frontmatter.get("title") == "Hello"
    assert [h.text for h in note.headings] == ["Heading"]


# -- the prose mask on real writing (issue 13) -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Intro.\n\n    optimizer = color_map()\n    more colr code\n\nAfter.",
        "Intro.\n\n\tcolor = gray\n",
        "    color at the very start\n",
        "```\nfenced\n```\n    color right after a fence\n",
    ],
)
def test_indented_code_blocks_are_not_prose(text):
    words = prose_words(text)
    assert not {"color", "colr", "gray", "optimizer"} & set(words)


@pytest.mark.parametrize(
    "text",
    [
        "Intro colour\n    still the same paragraph\n",  # no blank line: a lazy continuation
        "- item\n\n    the item goes on\n",  # four spaces in a list continue the item
        "1. step\n   more\n\n    still the step\n",
        "* parent\n\t* nested child item\n",
    ],
)
def test_indented_lines_that_continue_paragraphs_and_lists_are_prose(text):
    words = prose_words(text)
    assert "paragraph" in words or "goes" in words or "step" in words or "child" in words


def test_footnote_definitions_are_prose_after_their_label():
    words = prose_words("A claim[^1].\n\n[^1]: The colour was measured twice.\n")
    assert {"The", "colour", "measured"} <= set(words) and "1" not in words


def test_reference_definitions_and_labels_are_not_prose():
    text = 'See [the guide][colr-guide] and [Colours][].\n\n[colr-guide]: https://x.io "A colr"\n'
    words = prose_words(text)
    assert "colr" not in words and "guide" not in words[3:]
    assert {"See", "the", "guide", "Colours"} <= set(words)


def test_html_tags_over_several_lines_are_not_prose():
    text = (
        '<img src="chart.png"\n     alt="Normalized color histogram"\n'
        '     style="display: block; margin: 0 auto; text-align: center">\nThe colour after.\n'
    )
    words = prose_words(text)
    assert not {"Normalized", "color", "center", "alt"} & set(words)
    assert {"The", "colour", "after"} <= set(words)


def test_a_blank_line_ends_what_looked_like_a_tag():
    words = prose_words("We compare a <b and c\n\nso the colour > d here.\n")
    assert {"colour", "here"} <= set(words)


@pytest.mark.parametrize(
    "text",
    [
        "Run <code>colr = optimze()</code> now.",
        "<pre><code>\ndef colr():\n    return optimze()\n</code></pre>\nRun it now.",
        "Press <kbd>Ctrl</kbd> now and <CODE>colr</CODE> run it.",
    ],
)
def test_text_of_html_code_elements_is_not_prose(text):
    words = prose_words(text)
    assert not {"colr", "optimze", "Ctrl", "def"} & set(words)
    assert "now" in words or "Run" in words


def test_an_unclosed_code_element_hides_nothing():
    assert "colour" in prose_words("A <code> tag and colour.\n")


def test_entities_and_callout_types_are_not_prose():
    words = prose_words("> [!tldr]- Quick colour summary\n> body &nbsp; text &mdash; more\n")
    assert not {"tldr", "nbsp", "mdash"} & set(words)
    assert {"Quick", "colour", "summary", "body", "text"} <= set(words)


def test_link_text_keeps_its_bracket_and_parenthesis():
    note = parse_note("n.md", "[Optimizing Models](https://example.com/a) here")
    assert note.prose.startswith("[Optimizing Models](") and "example" not in note.prose


def test_many_unclosed_code_tags_take_linear_time():
    text = "<code> word " * 20_000
    note = parse_note("n.md", text)
    assert len(note.prose) == len(text)
