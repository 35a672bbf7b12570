"""Spelling checks: American spellings, British style preferences, likely typos."""

from __future__ import annotations

from collections.abc import Iterator

from blog_lsp.checks import CheckContext, finding
from blog_lsp.findings import Finding
from blog_lsp.vault.model import Note


def check_british(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.prose is None or note.lines is None or not context.spelling_applies(note):
        return
    lines = note.lines
    for hit in context.british.find(note.prose):
        yield finding(
            hit.code,
            lines.range(hit.start, hit.end),
            f'"{hit.word}" -> "{hit.replacement}"',
            hit.replacement,
            word=hit.word,
            reason=hit.reason,
        )


def check_typos(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.prose is None or note.lines is None or not context.spelling_applies(note):
        return
    if not context.vault_ready:  # "used elsewhere in the vault" needs the whole vault
        return
    vault = context.vault
    lines = note.lines
    for start, end, word in context.typos.unknown_words(
        note.prose, lambda candidate: vault.used_elsewhere(candidate, note)
    ):
        yield finding(
            "spelling",
            lines.range(start, end),
            f'"{word}" is in no dictionary and nowhere else in the vault: a typo?',
            word=word,
        )


CHECKS = [check_british, check_typos]
