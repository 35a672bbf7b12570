"""British spelling: American spellings in prose (british-spelling) and British style
preferences (british-style), each with the British form as its fix."""

from __future__ import annotations

from collections.abc import Iterator

from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.findings import Finding, Fix
from blog_lsp.vault.model import Note


@makes("british-spelling", "british-style")
def check_british(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.prose is None or note.lines is None or not context.spelling_applies(note):
        return
    lines = note.lines
    for hit in context.british.find(note.prose):
        where = lines.range(hit.start, hit.end)
        # Certain either way; but a style hint is a preference, never the editor's first offer.
        change = Fix.replace(
            f"Change to '{hit.replacement}'",
            where,
            hit.replacement,
            safe=True,
            preferred=hit.code != "british-style",
        )
        yield finding(
            hit.code,
            where,
            f'"{hit.word}" -> "{hit.replacement}"',
            change,
            word=hit.word,
            reason=hit.reason,
        )


CHECKS = [check_british]
