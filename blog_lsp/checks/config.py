"""The settings' own rule: ``config-invalid``, a setting that was ignored.

Not a check of a note: the problems come from reading the settings (``blog_lsp.settings``),
and become findings of the config file, at the severity the ``rules`` setting gives, through
the same logic as every other rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial

from blog_lsp.checks.framework import configured, finding
from blog_lsp.findings import Finding
from blog_lsp.settings import SettingProblem
from blog_lsp.text import Range


def setting_findings(problems: Iterable[SettingProblem], rules: Mapping[str, str]) -> list[Finding]:
    """Settings that were ignored, as config-invalid findings on their line of the config
    file (the first line when it is not known), at the severity the rules setting gives, as
    every other rule; none when it turns the rule off. ``source`` in the data says where
    each came from (the config file's name, or the editor's settings)."""
    found = (
        finding(
            "config-invalid",
            Range.on_line(problem.line or 0, 0, 0),
            problem.message,
            key=problem.key,
            source=problem.source,
        )
        for problem in problems
    )
    return [item for item in map(partial(configured, rules), found) if item]
