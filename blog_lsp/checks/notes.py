"""Checks that apply to any note: files that cannot be read, frontmatter that cannot be parsed."""

from __future__ import annotations

from collections.abc import Iterator

from blog_lsp.checks import CheckContext, finding
from blog_lsp.findings import Finding
from blog_lsp.text import START
from blog_lsp.vault.model import Note


def check_file_problem(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.problem is not None:
        code, message = note.problem
        yield finding(code, START, message)


def check_frontmatter_invalid(note: Note, context: CheckContext) -> Iterator[Finding]:
    front = note.frontmatter
    if front is not None and front.error is not None:
        yield finding("frontmatter-invalid", front.error_range or START, front.error)


CHECKS = [check_file_problem, check_frontmatter_invalid]
