"""Garbled text (text-mojibake): UTF-8 read as Windows-1252, with ftfy's repair as the fix."""

from __future__ import annotations

import re
from collections.abc import Iterator

from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.findings import Finding, Fix
from blog_lsp.vault.model import Note

# UTF-8 read as Windows-1252 or Latin-1 turns each multi-byte character into a lead letter
# (Â-ô) and one or more of the characters its continuation bytes become (€‚ƒ„…†‡ˆ‰Š‹ŒŽ''“”•–—
# ˜™š›œžŸ and the Latin-1 signs). Only runs with such a pair are handed to ftfy.
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]+")


@makes("text-mojibake")
def check_mojibake(note: Note, context: CheckContext) -> Iterator[Finding]:
    """Text that was UTF-8 read as Windows-1252 (O(nÂ²), â†’, ðŸ‘‰), with ftfy's repair."""
    prose = note.prose
    if prose is None or note.lines is None or _MOJIBAKE_PAIR.search(prose) is None:
        return
    from ftfy import fix_encoding  # imported late: most notes never need it

    lines = note.lines
    for run in _NON_ASCII_RUN.finditer(prose):
        text = run.group()
        if _MOJIBAKE_PAIR.search(text) is None:
            continue
        repaired = fix_encoding(text)
        if repaired != text:
            where = lines.range(run.start(), run.end())
            yield finding(
                "text-mojibake",
                where,
                f'"{text}" is garbled text (UTF-8 read as Windows-1252): "{repaired}"',
                Fix.replace(f"Change to '{repaired}'", where, repaired, safe=True),
                text=text,
            )


CHECKS = [check_mojibake]
