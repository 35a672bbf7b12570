"""The code rules of drafts: each rule with a case that fires and one that does not."""

from __future__ import annotations

import pytest
from draft_notes import EXPLAINER, EXPLAINER_PATH, TUTORIAL, TUTORIAL_PATH, Drafting, run

from blog_lsp.autofix import fixed_text
from blog_lsp.text import Range


def test_a_fence_without_a_language(context: Drafting) -> None:
    text = TUTORIAL.replace("```python", "```")
    (found,) = run(context, TUTORIAL_PATH, text, "code-fence-language")
    line = text.splitlines().index("# A heading-like comment that is not a heading") - 1
    assert found.range == Range.on_line(line, 0, 3)
    assert "'```python'" in found.message
    # The one fix marks the block as text, and is never applied for certain.
    assert found.fix is None and not found.fixes[0].safe
    assert fixed_text(text, found.fixes) == text.replace("```\n# A heading", "```text\n# A heading")


@pytest.mark.parametrize(
    "block",
    [
        "~~~\ncode\n~~~\n",
        "- a list item with code:\n\n  ```\n  code\n  ```\n",
        "> quoted:\n>\n> ```\n> code\n> ```\n",
    ],
)
def test_fences_of_every_kind_and_place(context: Drafting, block: str) -> None:
    text = TUTORIAL.replace("## Conclusion", block + "\n## Conclusion")
    (found,) = run(context, TUTORIAL_PATH, text, "code-fence-language")
    fence = "~~~" if block.startswith("~") else "```"
    assert text.splitlines()[found.range.start.line][found.range.start.character :] == fence


def test_fences_that_name_a_language_and_other_blocks(context: Drafting) -> None:
    assert run(context, TUTORIAL_PATH, TUTORIAL, "code-fence-language") == []
    assert run(context, EXPLAINER_PATH, EXPLAINER, "code-fence-language") == []
    # The closing fence is no block of its own; math, comments and indented code are no fences.
    others = "$$\nx\n$$\n\n%%\nnote\n%%\n\nText:\n\n    indented code\n\n```` python\n```\n````\n"
    text = TUTORIAL.replace("## Conclusion", others + "\n## Conclusion")
    assert run(context, TUTORIAL_PATH, text, "code-fence-language") == []


def test_only_drafts_are_checked(context: Drafting) -> None:
    assert run(context, "Notes/Snippets.md", "# Snippets\n\n```\ncode\n```\n") == []


def test_a_fence_in_crlf_text(context: Drafting) -> None:
    text = TUTORIAL.replace("```python", "```").replace("\n", "\r\n")
    assert len(run(context, TUTORIAL_PATH, text, "code-fence-language")) == 1
    text = TUTORIAL.replace("\n", "\r\n")
    assert run(context, TUTORIAL_PATH, text, "code-fence-language") == []
