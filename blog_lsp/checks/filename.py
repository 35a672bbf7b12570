"""The filename rules: a name that is not UTF-8 (every note), and a blog draft's name: short,
in Title Case, without special characters, and the title's. Each draft rule's fix is the one
rename that fixes them all (never applied by itself: links to the note must follow).
"""

from __future__ import annotations

from collections.abc import Iterator

from blog_lsp.checks.common import frontmatter_title, loose
from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.drafting.naming import (
    FORBIDDEN_CHARACTERS,
    clean_filename,
    filename_for_title,
    title_case_problems,
)
from blog_lsp.findings import Finding, Fix, RenameNote
from blog_lsp.text import START, first_undecodable
from blog_lsp.vault.model import NOTE_SUFFIX, Note


@makes("filename-encoding")
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


def _in_british_spelling(text: str, note: Note, context: CheckContext) -> str:
    """``text`` with the American spellings british-spelling would report in it changed to
    their British form (the same engine, so a suggested name is never flagged itself)."""
    if not context.spelling_applies(note):
        return text
    for hit in reversed(context.british.find(text)):
        if hit.code == "british-spelling":
            text = text[: hit.start] + hit.replacement + text[hit.end :]
    return text


def _rename(note: Note, context: CheckContext) -> tuple[str, Fix]:
    """The one rename that fixes every filename rule at once: the filename for the title
    (or, without a title, for the current filename), in British spelling; and the new name."""
    title = _in_british_spelling(frontmatter_title(note) or note.stem, note, context)
    name = filename_for_title(title, context.settings.filename_max_length) + NOTE_SUFFIX
    rename = RenameNote(f"{note.folder}/{name}" if note.folder else name)
    return name, Fix(f"Rename the note to '{name}'", (rename,))


@makes("filename-length")
def check_filename_length(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    limit = context.settings.filename_max_length
    if len(note.stem) <= limit:
        return
    name, rename = _rename(note, context)
    yield finding(
        "filename-length",
        START,
        f"The filename has {len(note.stem)} characters, more than {limit}: rename it to '{name}'.",
        rename,
    )


@makes("filename-title-case")
def check_filename_title_case(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    words = title_case_problems(note.stem)
    if not words:
        return
    name, rename = _rename(note, context)
    listed = ", ".join(f"'{word}'" for word in words[:3])
    yield finding(
        "filename-title-case",
        START,
        f"The filename is not in Title Case ({listed}): rename it to '{name}'.",
        rename,
    )


def _is_control(character: str) -> bool:
    return ord(character) < 0x20 or 0x7F <= ord(character) < 0xA0


@makes("filename-characters")
def check_filename_characters(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    bad = sorted({ch for ch in note.stem if ch in FORBIDDEN_CHARACTERS or _is_control(ch)})
    if not bad:
        return
    name, rename = _rename(note, context)
    shown = " ".join(repr(ch)[1:-1] if _is_control(ch) else ch for ch in bad)
    yield finding(
        "filename-characters",
        START,
        f"The filename holds characters that break links or some file systems ({shown}): "
        f"rename it to '{name}'.",
        rename,
    )


def _names_the_title(stem: str, length: int, title: str, limit: int) -> bool:
    """Whether a file stem (of ``length`` characters) is the filename for ``title``."""
    full = loose(clean_filename(title))
    if stem in (loose(filename_for_title(title, limit)), full):
        return True
    # A stem cut at a word boundary because the title is too long for a filename: the next
    # word would not have fitted (a little slack for punctuation the comparison drops).
    if stem and full.startswith(stem + " "):
        next_word = full[len(stem) + 1 :].split(" ", 1)[0]
        return length + 1 + len(next_word) > limit - 3
    return False


@makes("filename-title-mismatch")
def check_filename_title_mismatch(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    title = frontmatter_title(note)
    if title is None:
        return
    limit = context.settings.filename_max_length
    stem = loose(note.stem)
    # The title as written, or in the British spelling the suggested name uses.
    for form in dict.fromkeys((title, _in_british_spelling(title, note, context))):
        if _names_the_title(stem, len(note.stem), form, limit):
            return
    name, rename = _rename(note, context)
    yield finding(
        "filename-title-mismatch",
        START,
        f"The filename '{note.stem}' does not match the title '{title}': rename it to '{name}'.",
        rename,
    )


CHECKS = [
    check_filename_encoding,
    check_filename_length,
    check_filename_title_case,
    check_filename_characters,
    check_filename_title_mismatch,
]
