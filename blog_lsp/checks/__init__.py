"""Every check: small functions from a parsed note (plus the vault) to findings.

The framework (the context, the registry, :func:`check_note`) is in :mod:`.framework`; each
rule family has a module named after the first part of its codes: ``files``, ``frontmatter``
(with the loose-date reader in ``dates``), ``filename``, ``british``, ``spelling``, ``text``,
``seo``, ``structure``, ``code``, ``duplicates`` and ``links``; what several of them read
is in ``common`` and, for the Markdown blocks of a section, ``blocks``.
"""

from __future__ import annotations

from blog_lsp.checks.config import setting_findings
from blog_lsp.checks.framework import (
    MAX_FINDINGS_PER_NOTE,
    START,
    Check,
    CheckContext,
    SpellingEngines,
    check_note,
    finding,
    read_word_list,
    word_list_paths,
)

__all__ = [
    "MAX_FINDINGS_PER_NOTE",
    "START",
    "Check",
    "CheckContext",
    "SpellingEngines",
    "check_note",
    "finding",
    "read_word_list",
    "setting_findings",
    "word_list_paths",
]
