"""The code rules of a blog draft: a fenced code block names its language.

The guide asks for "code examples with syntax highlighting" in "proper markdown syntax",
'```python'; a fence without a language is shown without highlighting. What language a block
is in, only the writer knows: the one fix offered marks the block as plain text, never applied
by ``check --fix``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blog_lsp.checks.common import body_line
from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.findings import Finding, Fix
from blog_lsp.text import Range
from blog_lsp.vault.blocks import block_spans
from blog_lsp.vault.model import Note

# The opening line of a fence: its markers (inside lists and quotes too) and its info string.
_FENCE = re.compile(r"[ \t>]*(?P<fence>`{3,}|~{3,})(?P<info>.*)")


@makes("code-fence-language")
def check_fence_language(note: Note, context: CheckContext) -> Iterator[Finding]:
    text, lines = note.text, note.lines
    if text is None or lines is None or not context.vault.is_draft(note):
        return
    if "```" not in text and "~~~" not in text:
        return
    # The parser's own block reader, so that a fence is what every other rule takes for one;
    # it wants '\n' line breaks (same offsets).
    scan = text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text
    line = body_line(note)
    body_start = lines.line_start(line) if line < lines.line_count else len(text)
    for start, _ in block_spans(scan, body_start):
        line_end = scan.find("\n", start)
        opening = _FENCE.fullmatch(scan, start, len(scan) if line_end < 0 else line_end)
        if opening is None or opening.group("info").strip():
            continue  # a math block or a comment, or a fence that names its language
        fence = opening.group("fence")
        at = lines.position(opening.end("fence"))
        where = lines.range(opening.start("fence"), opening.end("fence"))
        yield finding(
            "code-fence-language",
            where,
            f"The code block has no language: write it after the '{fence}' (such as "
            f"'{fence}python') so that it is highlighted, or '{fence}text' if it is not code.",
            Fix.replace("Mark the block as plain text", Range(at, at), "text"),
        )


CHECKS = [check_fence_language]
