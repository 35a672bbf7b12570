"""What a check reports: a finding with a range, a severity, a stable code and its fixes.

A fix is typed: a :class:`Fix` has the title an editor shows and the changes it makes, each an
:class:`Edit` (text replaced), :class:`InsertLines` (whole lines inserted) or
:class:`RenameNote` (the note's file renamed). A *safe* fix is certain: `blog-lsp check --fix`
applies it, and `check --format json` shows its text as the finding's ``fix``. The types are
msgspec structs, so that the findings cache stores them as they are.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

import msgspec

from blog_lsp.text import LineIndex, Position, Range


class Severity(enum.IntEnum):
    """Ordered so that a larger value is more serious; numbering is not LSP's."""

    HINT = 1
    INFORMATION = 2
    WARNING = 3
    ERROR = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls[value.strip().upper()]


SEVERITY_NAMES = tuple(severity.label for severity in Severity)

# A note with a million characters of American spellings has 75,000 findings: no writer wants
# them all, and each costs the server and the editor time and memory. Past this many, the
# rest are counted in one findings-truncated finding.
MAX_FINDINGS_PER_NOTE = 1_000


class Edit(msgspec.Struct, frozen=True, array_like=True, tag=True):
    """``range`` of the note replaced with ``new_text`` (an empty range inserts it)."""

    range: Range
    new_text: str


class InsertLines(msgspec.Struct, frozen=True, array_like=True, tag=True):
    """``text`` inserted as whole lines before line ``line`` (0-based; past the last line, at
    the end of the note), in the note's own line ending."""

    line: int
    text: str

    def as_edit(self, text: str, lines: LineIndex) -> Edit:
        """The insertion as an edit of the note's ``text``."""
        newline = "\r\n" if "\r\n" in text else "\n"
        body = self.text if self.text.endswith("\n") else self.text + "\n"
        body = body.replace("\n", newline)
        if self.line < lines.line_count:
            # After a byte order mark: it must stay the first character of the file.
            character = 1 if self.line == 0 and text.startswith("\ufeff") else 0
            at = Position(self.line, character)
        else:
            at = lines.position(len(text))
            if text and not text.endswith(("\n", "\r")):
                body = newline + body
        return Edit(Range(at, at), body)


class RenameNote(msgspec.Struct, frozen=True, array_like=True, tag=True):
    """The note's file renamed to ``path``, relative to the vault."""

    path: str

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


Change = Edit | InsertLines | RenameNote


class Fix(msgspec.Struct, frozen=True, array_like=True):
    """One way to fix a finding: the title an editor shows (British English) and the changes.

    ``safe``: the fix is certain (a British spelling, a date in the one form it can mean), so
    `check --fix` may apply it. ``preferred``: whether an editor offers it first, which safe
    fixes are unless they say otherwise (a style hint is certain, but only a preference).
    """

    title: str
    edits: tuple[Change, ...]
    safe: bool = False
    preferred: bool | None = None

    @classmethod
    def replace(
        cls,
        title: str,
        where: Range,
        new_text: str,
        *,
        safe: bool = False,
        preferred: bool | None = None,
    ) -> Fix:
        """A fix that replaces one range."""
        return cls(title, (Edit(where, new_text),), safe, preferred)

    @classmethod
    def insert(cls, title: str, line: int, text: str) -> Fix:
        """A fix that inserts lines before ``line``: never certain (the writer's words go there)."""
        return cls(title, (InsertLines(line, text),))

    @property
    def is_preferred(self) -> bool:
        return self.safe if self.preferred is None else self.preferred


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one note.

    ``fixes`` are the ways to fix it, the most likely first. ``data`` carries what a hover or
    an action other than a fix needs (the original word, the field, the other draft...).
    """

    range: Range
    severity: Severity
    code: str
    message: str
    fixes: tuple[Fix, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def fix(self) -> str | None:
        """The text that certainly replaces ``range``: that of the first safe fix that is one
        edit of exactly the finding's range; else None (what `check --format json` shows)."""
        for fix in self.fixes:
            if fix.safe and len(fix.edits) == 1:
                edit = fix.edits[0]
                if isinstance(edit, Edit) and edit.range == self.range:
                    return edit.new_text
        return None

    def with_severity(self, severity: Severity) -> Finding:
        return Finding(self.range, severity, self.code, self.message, self.fixes, self.data)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.range.start.line, self.range.start.character, self.code)
