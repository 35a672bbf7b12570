"""Checks that apply to any note: files that cannot be read, frontmatter that cannot be parsed,
names that are not UTF-8."""

from __future__ import annotations

from collections.abc import Iterator

from blog_lsp.checks import CheckContext, finding
from blog_lsp.findings import Finding
from blog_lsp.text import START, first_undecodable
from blog_lsp.vault.model import Note


def check_file_problem(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.problem is not None:
        code, message = note.problem
        yield finding(code, START, message)


def check_frontmatter_invalid(note: Note, context: CheckContext) -> Iterator[Finding]:
    front = note.frontmatter
    if front is not None and front.error is not None:
        yield finding("frontmatter-invalid", front.error_range or START, front.error)


def check_filename_encoding(note: Note, context: CheckContext) -> Iterator[Finding]:
    """A filename with bytes that are not UTF-8 (Linux allows any): no wiki-link can name the
    note, and blog-lsp's output shows the bytes as U+FFFD."""
    at = first_undecodable(note.path)
    if at is None:
        return
    code = ord(note.path[at])
    # Python keeps an undecodable byte b as the surrogate U+DC00 + b (PEP 383).
    what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "a lone surrogate"
    yield finding(
        "filename-encoding",
        START,
        f"This file's name is not UTF-8 ({what} after '{note.path[:at]}'): no wiki-link "
        "can name it, and blog-lsp shows it as '\ufffd'. Rename the file.",
    )


CHECKS = [check_file_problem, check_frontmatter_invalid, check_filename_encoding]
