"""The structure rules of drafts: each rule with a case that fires and one that does not."""

from __future__ import annotations

import pytest
from draft_notes import TUTORIAL, TUTORIAL_PATH, Drafting, body, draft, inserted, run, suggested

from blog_lsp.autofix import fixed_text
from blog_lsp.text import Range, split_lines

# -- structure -------------------------------------------------------------------------------


def test_h1_missing(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, TUTORIAL.replace("# Serving LLMs with vLLM\n", ""))
    h1 = [item for item in found if item.code == "structure-h1"]
    assert len(h1) == 1
    assert inserted(h1[0]).text == "# Serving LLMs with vLLM"
    assert h1[0].range.start.line == 10  # '## Introduction': the body's first non-blank line


def test_h1_twice(context: Drafting) -> None:
    text = TUTORIAL.replace("## Batching in Practice", "# Batching in Practice")
    found = run(context, TUTORIAL_PATH, text, "structure-h1")
    assert len(found) == 1
    assert suggested(found[0]) == "## Batching in Practice"


def test_h1_differs_in_case_only_is_fixed(context: Drafting) -> None:
    text = TUTORIAL.replace("# Serving LLMs with vLLM\n", "# Serving LLMs With vLLM\n")
    found = run(context, TUTORIAL_PATH, text, "structure-h1")
    assert len(found) == 1
    assert found[0].fix == "Serving LLMs with vLLM"
    assert found[0].range == Range.on_line(9, 2, 24)


def test_h1_different_text_has_no_certain_fix(context: Drafting) -> None:
    text = TUTORIAL.replace("# Serving LLMs with vLLM\n", "# Fast Inference\n")
    found = run(context, TUTORIAL_PATH, text, "structure-h1")
    assert len(found) == 1
    assert found[0].fix is None
    assert suggested(found[0]) == "Serving LLMs with vLLM"


def test_h1_with_an_escaped_closing_hash_equals_the_title(context: Drafting) -> None:
    text = draft(title="'Why We Love C #'").replace(
        "# Serving LLMs with vLLM\n", "# Why We Love C \\#\n"
    )
    assert run(context, "Tweets/Why We Love C.md", text, "structure-h1") == []


def test_introduction(context: Drafting) -> None:
    text = TUTORIAL.replace("## Introduction", "## Background")
    found = run(context, TUTORIAL_PATH, text, "structure-introduction")
    assert len(found) == 1
    assert found[0].range == Range.on_line(11, 0, 13)
    assert "'Background'" in found[0].message
    text = TUTORIAL.replace("## Introduction", "## 1. introduction:")
    assert run(context, TUTORIAL_PATH, text, "structure-introduction") == []


def test_conclusion(context: Drafting) -> None:
    text = TUTORIAL.replace("## Conclusion", "## Wrapping Up")
    found = run(context, TUTORIAL_PATH, text, "structure-conclusion")
    assert len(found) == 1 and "'Wrapping Up'" in found[0].message
    text = TUTORIAL.replace("## Conclusion", "## Conclusions")
    assert run(context, TUTORIAL_PATH, text, "structure-conclusion") == []


def test_no_sections_at_all(context: Drafting) -> None:
    found = run(context, TUTORIAL_PATH, body("\n# Serving LLMs with vLLM\n\nJust text.\n"))
    codes = sorted(item.code for item in found if item.code.startswith("structure-"))
    assert codes == ["structure-conclusion", "structure-introduction", "structure-related"]


@pytest.mark.parametrize("ending", ["---", "---\n", "---\r\n\n"])
def test_structure_findings_of_a_draft_without_a_body_lie_inside_it(
    context: Drafting, ending: str
) -> None:
    """A draft that ends with its closing '---' (and no newline): every finding, the
    structure findings for the missing body too, is on a line the text has."""
    text = TUTORIAL[: TUTORIAL.index("---\n", 4)] + ending
    lines = split_lines(text)
    found = run(context, TUTORIAL_PATH, text)
    assert {"structure-h1", "structure-introduction", "structure-conclusion"} <= {
        item.code for item in found
    }
    for item in found:
        for position in (item.range.start, item.range.end):
            assert position.line < len(lines), (item.code, item.range)
            assert position.character <= len(lines[position.line]), (item.code, item.range)


def _sections(count: int) -> str:
    middle = "".join(f"## Part {n}\n\nText.\n\n" for n in range(count))
    return (
        "\n# Serving LLMs with vLLM\n\n## Introduction\n\nText.\n\n"
        f"{middle}## Conclusion\n\nText.\n\n---\n\n**Related**: [[A]]\n"
    )


@pytest.mark.parametrize("count", [2, 3, 4])
def test_sections_in_range(context: Drafting, count: int) -> None:
    assert run(context, TUTORIAL_PATH, body(_sections(count)), "structure-sections") == []


@pytest.mark.parametrize("count", [0, 1, 5, 6])
def test_sections_out_of_range(context: Drafting, count: int) -> None:
    found = run(context, TUTORIAL_PATH, body(_sections(count)), "structure-sections")
    assert len(found) == 1
    assert f"{count} main section" in found[0].message
    assert found[0].data["count"] == count


def test_sections_are_counted_from_the_introduction(context: Drafting) -> None:
    text = body(_sections(6)).replace("## Introduction", "## Background")
    assert run(context, TUTORIAL_PATH, text, "structure-sections") == []
    # Without a Conclusion, to the end: 'Part 0' and 'Wrapping Up' are two main sections.
    text = body(_sections(1)).replace("## Conclusion", "## Wrapping Up")
    assert run(context, TUTORIAL_PATH, text, "structure-sections") == []
    text = body(_sections(0)).replace("## Conclusion", "## Wrapping Up")
    found = run(context, TUTORIAL_PATH, text, "structure-sections")
    assert len(found) == 1 and found[0].data["count"] == 1


def test_headings_in_code_are_not_sections(context: Drafting) -> None:
    text = _sections(1).replace(
        "## Conclusion", "```markdown\n## Fake One\n## Fake Two\n```\n\n## Conclusion"
    )
    assert run(context, TUTORIAL_PATH, body(text), "structure-sections")


def test_related_missing(context: Drafting) -> None:
    text = TUTORIAL[: TUTORIAL.index("**Related**")]
    found = run(context, TUTORIAL_PATH, text, "structure-related")
    assert len(found) == 1
    assert inserted(found[0]).text == "**Related**: "


def test_related_without_wiki_links(context: Drafting) -> None:
    text = TUTORIAL.replace("[[Learning LLMs]] | [[Inference Optimisation]]", "see the docs")
    found = run(context, TUTORIAL_PATH, text, "structure-related")
    assert len(found) == 1 and "no notes" in found[0].message
    assert found[0].range.start.line == TUTORIAL.splitlines().index(
        "**Related**: [[Learning LLMs]] | [[Inference Optimisation]]"
    )


def test_related_before_the_last_section(context: Drafting) -> None:
    text = TUTORIAL.replace("## Conclusion", "Related: [[A]]\n\n## Conclusion").replace(
        "**Related**: [[Learning LLMs]] | [[Inference Optimisation]]\n", ""
    )
    found = run(context, TUTORIAL_PATH, text, "structure-related")
    assert len(found) == 1 and "before the section 'Conclusion'" in found[0].message


@pytest.mark.parametrize(
    "line",
    ["Related: [[A]]", "**Related:** [[A]]", "__Related__: [[A|a note]]", "> Related: [[A]]"],
)
def test_related_forms(context: Drafting, line: str) -> None:
    text = TUTORIAL.replace("**Related**: [[Learning LLMs]] | [[Inference Optimisation]]", line)
    assert run(context, TUTORIAL_PATH, text, "structure-related") == []


def test_related_in_code_does_not_count(context: Drafting) -> None:
    text = TUTORIAL[: TUTORIAL.index("**Related**")] + "```\n**Related**: [[A]]\n```\n"
    assert run(context, TUTORIAL_PATH, text, "structure-related")


# -- the Tags footer -------------------------------------------------------------------------

TAGS_LINE = "**Tags**: #LLM #inference #tutorial"


def test_tags_footer_that_agrees_in_another_order_and_case(context: Drafting) -> None:
    for line in (
        "**Tags**: #tutorial #llm #Inference",
        "**Tags**: #blog #LLM #inference #tutorial",
    ):
        text = TUTORIAL.replace(TAGS_LINE, line)
        assert run(context, TUTORIAL_PATH, text, "structure-tags") == []


def test_tags_footer_that_differs_is_rewritten_from_the_frontmatter(context: Drafting) -> None:
    text = TUTORIAL.replace(TAGS_LINE, "**Tags**: #LLM, #serving")
    (found,) = run(context, TUTORIAL_PATH, text, "structure-tags")
    assert "lacks #inference #tutorial" in found.message
    assert "it has #serving, which the frontmatter does not" in found.message
    line = text.splitlines().index("**Tags**: #LLM, #serving")
    assert found.range == Range.on_line(line, 0, len("**Tags**: #LLM, #serving"))
    assert found.fix == TAGS_LINE  # the spec's format, the frontmatter's order, no 'blog'
    assert fixed_text(text, found.fixes) == TUTORIAL


def test_tags_footer_with_other_words_is_not_rewritten_for_certain(context: Drafting) -> None:
    text = TUTORIAL.replace(TAGS_LINE, "**Tags**: #LLM (and more to come)")
    (found,) = run(context, TUTORIAL_PATH, text, "structure-tags")
    assert found.fix is None
    assert suggested(found) == TAGS_LINE and not found.fixes[0].safe


def test_tags_footer_follows_a_flow_or_block_list_of_tags(context: Drafting) -> None:
    text = draft(tags="\n  - blog\n  - LLM\n  - inference")
    (found,) = run(context, TUTORIAL_PATH, text, "structure-tags")
    assert found.message.endswith("it has #tutorial, which the frontmatter does not.")
    assert found.fix == "**Tags**: #LLM #inference"


def test_no_tags_footer_or_no_frontmatter_tags_is_not_this_rule(context: Drafting) -> None:
    assert (
        run(context, TUTORIAL_PATH, TUTORIAL.replace(TAGS_LINE + "\n", ""), "structure-tags") == []
    )
    assert run(context, TUTORIAL_PATH, draft(tags=None), "structure-tags") == []
    # 'Tags:' at the start of a paragraph in the body is prose, not the footer.
    text = TUTORIAL.replace(TAGS_LINE + "\n", "").replace(
        "## Conclusion", "Tags: #vllm is one of them.\n\n## Conclusion"
    )
    assert run(context, TUTORIAL_PATH, text, "structure-tags") == []


# -- the length of the Introduction and the Conclusion, and the takeaways ---------------------

INTRODUCTION_END = (
    "In this guide we look at what vLLM changes, and how to run it for your own models.\n"
)


def _with_introduction(extra: str) -> str:
    return TUTORIAL.replace(INTRODUCTION_END, INTRODUCTION_END + extra)


def test_introduction_of_four_paragraphs(context: Drafting) -> None:
    text = _with_introduction("\nA third.\n\nA fourth\nover two lines.\n")
    (found,) = run(context, TUTORIAL_PATH, text, "structure-introduction-length")
    assert "has 4 paragraphs" in found.message and "at most 3" in found.message
    line = text.splitlines().index("A fourth")
    assert found.range == Range.on_line(line, 0, len("A fourth"))
    assert (
        run(
            context,
            TUTORIAL_PATH,
            _with_introduction("\nA third.\n"),
            "structure-introduction-length",
        )
        == []
    )


@pytest.mark.parametrize(
    "extra",
    [
        # A list, a table, code and a quote are no paragraphs, nor is a lead-in to one.
        "\nWhat you need:\n- a GPU\n- a model\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        "\nThe command:\n\n```bash\npip install vllm\n```\n\n> [!note] A callout\n> is a quote.\n",
        # Lines that a list item or a lazy continuation holds are one block.
        "\n1. first\n2. second\ncontinues the item\n\n   A paragraph inside the item.\n",
        # Obsidian's math block and comment are no paragraphs either.
        "\n$$\na = b\n\nc = d\n$$\n\n%%\na note to self\n\nand more\n%%\n",
        # An HTML comment is a block of its own, shown to no reader.
        "\nA third, the last.\n\n<!-- a comment\n\nover lines -->\n",
    ],
)
def test_what_is_not_a_paragraph_is_not_counted(context: Drafting, extra: str) -> None:
    text = _with_introduction(extra)
    assert run(context, TUTORIAL_PATH, text, "structure-introduction-length") == []
    # And the same blocks after two more paragraphs: those are counted.
    text = _with_introduction("\nA third.\n\nA fourth.\n" + extra)
    assert len(run(context, TUTORIAL_PATH, text, "structure-introduction-length")) == 1


def test_a_colon_before_a_paragraph_is_a_paragraph(context: Drafting) -> None:
    text = _with_introduction("\nHere is why:\n\nBecause it is.\n")
    (found,) = run(context, TUTORIAL_PATH, text, "structure-introduction-length")
    assert found.data["count"] == 4


CONCLUSION_END = "Start with the defaults, then measure.\n"


def test_conclusion_of_three_paragraphs(context: Drafting) -> None:
    # The tutorial's Conclusion: a lead-in with its list, then one paragraph.
    text = TUTORIAL.replace(CONCLUSION_END, CONCLUSION_END + "\nOne more.\n\nAnd one more thing.\n")
    (found,) = run(context, TUTORIAL_PATH, text, "structure-conclusion-length")
    assert "has 3 paragraphs" in found.message and "at most 2" in found.message
    assert found.range.start.line == text.splitlines().index("And one more thing.")


def test_the_footer_is_not_part_of_the_conclusion(context: Drafting) -> None:
    # Two paragraphs, then the footer with and without its '---' line.
    text = TUTORIAL.replace(CONCLUSION_END, CONCLUSION_END + "\nAnd one more thing.\n")
    for footer in (text, text.replace("---\n\n**Related**", "**Related**")):
        assert run(context, TUTORIAL_PATH, footer, "structure-conclusion-length") == []


def test_the_guides_own_conclusion_passes(context: Drafting) -> None:
    """The guide's example: a paragraph, 'The key takeaways:' with four items, a paragraph."""
    conclusion = (
        "## Conclusion\n\nvLLM makes one GPU go further.\n\nThe key takeaways:\n"
        "- paged attention\n- continuous batching\n- prefix caching\n- measure first\n\n"
        "Try it on your own model.\n\n---\n\n"
    )
    text = (
        TUTORIAL[: TUTORIAL.index("## Conclusion")]
        + conclusion
        + TUTORIAL[TUTORIAL.index("**Related**") :]
    )
    found = run(context, TUTORIAL_PATH, text)
    assert [item.code for item in found if item.code.startswith("structure-")] == []


def _with_conclusion(body_text: str) -> str:
    start = TUTORIAL.index("## Conclusion")
    return (
        TUTORIAL[:start]
        + "## Conclusion\n\n"
        + body_text
        + "\n"
        + TUTORIAL[TUTORIAL.index("---\n\n**Related**") :]
    )


def test_conclusion_without_a_list_of_takeaways(context: Drafting) -> None:
    text = _with_conclusion("Short and sweet.\n")
    (found,) = run(context, TUTORIAL_PATH, text, "structure-takeaways")
    assert found.range.start.line == text.splitlines().index("## Conclusion")
    assert "no list of takeaways" in found.message


@pytest.mark.parametrize("count", [1, 2, 6])
def test_conclusion_with_too_few_or_too_many_takeaways(context: Drafting, count: int) -> None:
    items = "".join(f"- point {n}\n" for n in range(count))
    text = _with_conclusion("Key points:\n" + items)
    (found,) = run(context, TUTORIAL_PATH, text, "structure-takeaways")
    assert found.data["items"] == count and "3 to 5" in found.message
    assert found.range.start.line == text.splitlines().index("- point 0")


@pytest.mark.parametrize(
    "items",
    [
        "- a\n- b\n- c\n",
        "1. a\n2. b\n3. c\n4. d\n5. e\n",
        # Nested items are part of their item: three takeaways.
        "- a\n  - detail\n  - more detail\n- b\n- c\n",
        # A loose list (blank lines between its items) is still one list.
        "* a\n\n* b\n\n* c\n",
    ],
)
def test_conclusion_with_three_to_five_takeaways(context: Drafting, items: str) -> None:
    assert (
        run(
            context, TUTORIAL_PATH, _with_conclusion("In short:\n\n" + items), "structure-takeaways"
        )
        == []
    )


def test_takeaways_in_the_footer_or_a_code_block_do_not_count(context: Drafting) -> None:
    text = _with_conclusion("Done.\n\n```text\n- a\n- b\n- c\n```\n")
    assert run(context, TUTORIAL_PATH, text, "structure-takeaways")
    text = _with_conclusion("Done.\n").replace("**Related**", "- a\n- b\n- c\n\n**Related**")
    assert run(context, TUTORIAL_PATH, text, "structure-takeaways")


def test_a_conclusion_not_written_yet_is_not_asked_for_takeaways(context: Drafting) -> None:
    for written in ("", "<!-- A summary of the key takeaways. -->\n"):
        assert run(context, TUTORIAL_PATH, _with_conclusion(written), "structure-takeaways") == []
