"""The structure rules of drafts: each rule with a case that fires and one that does not."""

from __future__ import annotations

import pytest
from draft_notes import TUTORIAL, TUTORIAL_PATH, Drafting, body, draft, inserted, run, suggested

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
