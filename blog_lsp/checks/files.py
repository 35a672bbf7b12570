"""Files that cannot be checked: not UTF-8 text (file-encoding), or larger than max_file_size
(file-too-large). The vault's reader records the problem when it reads the file."""

from __future__ import annotations

from collections.abc import Iterator

from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.findings import Finding
from blog_lsp.text import START
from blog_lsp.vault.model import Note


@makes("file-encoding", "file-too-large")
def check_file_problem(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.problem is not None:
        code, message = note.problem
        yield finding(code, START, message)


CHECKS = [check_file_problem]
