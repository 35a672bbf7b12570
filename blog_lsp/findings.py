"""What a check reports: a finding with a range, a severity, a stable code and maybe a fix."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from blog_lsp.text import Range


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


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one note.

    ``fix`` is the text that replaces ``range`` when the fix is certain, else None.
    ``data`` carries what a quick fix or a hover needs (the original word, a field name...).
    """

    range: Range
    severity: Severity
    code: str
    message: str
    fix: str | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def with_severity(self, severity: Severity) -> Finding:
        return Finding(self.range, severity, self.code, self.message, self.fix, self.data)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.range.start.line, self.range.start.character, self.code)
