"""The status workflow's core (blog_lsp/publishing.py): the edit that sets a draft's status,
in the field's own style, and the refusals (publishing with errors or warnings, a status
that is not allowed, a note that is not a draft)."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

from blog_lsp.checks import CheckContext, check_note
from blog_lsp.findings import Severity
from blog_lsp.publishing import (
    REASONS_SHOWN,
    StatusChange,
    StatusRefusal,
    in_style,
    plan_status,
)
from blog_lsp.settings import Settings
from blog_lsp.text import LineIndex
from blog_lsp.vault.vault import Vault, open_vault

CLEAN = "Tweets/Understanding KV Caching in Transformers.md"
BROKEN = "Tweets/how to optimize rag #2.md"


@pytest.fixture
def vault(example_vault: Path) -> Vault:
    return open_vault(example_vault).scanned(save=False)


def plan(
    vault: Vault, relative: str, status: str, text: str | None = None
) -> StatusChange | StatusRefusal:
    if text is not None:
        vault = vault.with_text(relative, text)
    note = vault.load(relative, text)
    return plan_status(note, CheckContext(vault), status)


def changed(vault: Vault, relative: str, status: str, text: str | None = None) -> str:
    """The note's text after the planned change (which must not be refused)."""
    if text is None:
        text = (vault.root / relative).read_text(encoding="utf-8")
    result = plan(vault, relative, status, text)
    assert isinstance(result, StatusChange), result
    assert result.edit is not None
    lines = LineIndex(text)
    start, end = lines.offset(result.edit.range.start), lines.offset(result.edit.range.end)
    return text[:start] + result.edit.new_text + text[end:]


def with_status_line(vault: Vault, line: str | None) -> str:
    """The clean draft with its 'status: draft' line replaced (None: removed)."""
    text = (vault.root / CLEAN).read_text(encoding="utf-8")
    assert "\nstatus: draft\n" in text
    return text.replace("\nstatus: draft\n", "\n" if line is None else f"\n{line}\n")


# -- moving a draft along ------------------------------------------------------------------


def test_review_is_allowed_and_only_the_status_changes(vault: Vault) -> None:
    text = (vault.root / BROKEN).read_text(encoding="utf-8")

    after = changed(vault, BROKEN, "review", text)  # warnings do not hold review back

    assert frontmatter.loads(after)["status"] == "review"
    assert after == text.replace("status: drafted", "status: review")
    result = plan(vault, BROKEN, "review")
    assert isinstance(result, StatusChange)
    assert (result.previous, result.status, result.changed) == ("drafted", "review", True)


def test_published_is_allowed_for_a_clean_draft(vault: Vault) -> None:
    text = (vault.root / CLEAN).read_text(encoding="utf-8")
    note = vault.load(CLEAN)
    assert not [
        item for item in check_note(note, CheckContext(vault)) if item.severity >= Severity.WARNING
    ]

    assert changed(vault, CLEAN, "published") == text.replace(
        "status: draft\n", "status: published\n"
    )


def test_published_is_refused_with_the_reasons_while_a_warning_is_left(vault: Vault) -> None:
    text = with_status_line(vault, "status: review").replace(
        "speeds up transformer inference", "speeds up transformer inference (the color of it)"
    )

    result = plan(vault, CLEAN, "published", text)

    assert isinstance(result, StatusRefusal)
    assert [item.code for item in result.blocking] == ["british-spelling"]
    assert result.message.startswith("Not marked as published: the draft has 1 warning ")
    assert 'Line 6, british-spelling: "color" -> "colour"' in result.message
    # Putting it right lets the draft through.
    fixed = plan(vault, CLEAN, "published", text.replace("color", "colour"))
    assert isinstance(fixed, StatusChange) and fixed.edit is not None


def test_a_refusal_names_the_first_few_findings_and_counts_the_rest(vault: Vault) -> None:
    result = plan(vault, BROKEN, "published")

    assert isinstance(result, StatusRefusal)
    findings = check_note(vault.load(BROKEN), CheckContext(vault))
    serious = [item for item in findings if item.severity >= Severity.WARNING]
    assert len(serious) > REASONS_SHOWN + 1
    # Its own status ('drafted', not allowed) is what the change puts right: not a reason.
    assert "frontmatter-status" not in {item.code for item in result.blocking}
    assert len(result.blocking) == len(serious) - 1
    assert f"has {len(result.blocking)} warnings to fix first" in result.message
    for item in result.blocking[:REASONS_SHOWN]:
        assert f"Line {item.range.start.line + 1}, {item.code}: " in result.message
    assert result.blocking[REASONS_SHOWN].code not in result.message
    assert result.message.endswith(f"; and {len(result.blocking) - REASONS_SHOWN} more.")


def test_errors_are_counted_apart_from_warnings(vault: Vault) -> None:
    text = with_status_line(vault, "status: draft")
    description = text.split("description: ")[1].split("\n")[0]
    # An empty description is an error; the American spelling a warning.
    text = text.replace(description, "").replace("# Understanding", "# The color of")

    result = plan(vault, CLEAN, "published", text)

    assert isinstance(result, StatusRefusal)
    assert {item.code for item in result.blocking} >= {"frontmatter-field-missing"}
    errors = sum(1 for item in result.blocking if item.severity == Severity.ERROR)
    warnings = len(result.blocking) - errors
    assert errors == 1 and warnings >= 1
    assert f"the draft has 1 error and {warnings} warning" in result.message


def test_a_frontmatter_that_cannot_be_read_is_refused(vault: Vault) -> None:
    text = with_status_line(vault, "status: draft").replace("title: ", "title: 'unclosed ")

    result = plan(vault, CLEAN, "review", text)

    assert isinstance(result, StatusRefusal) and result.blocking == ()
    assert "cannot be read" in result.message


def test_a_configured_severity_decides(vault: Vault) -> None:
    text = with_status_line(vault, "status: review").replace(
        "speeds up transformer inference", "speeds up transformer inference (the color of it)"
    )
    relaxed = vault.with_settings(Settings(rules={"british-spelling": "hint"}), [])

    result = plan(relaxed, CLEAN, "published", text)

    assert isinstance(result, StatusChange) and result.status == "published"


# -- the edit ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("status: draft", "status: review"),
        ("status: 'draft'", "status: 'review'"),
        ('status: "draft"', 'status: "review"'),
        ("status: draft  # still writing", "status: review  # still writing"),
        ("status:", "status: review"),
        ("status: ''", "status: 'review'"),
    ],
)
def test_the_value_keeps_its_quoting(vault: Vault, line: str, expected: str) -> None:
    text = with_status_line(vault, line)
    assert changed(vault, CLEAN, "review", text) == text.replace(f"\n{line}\n", f"\n{expected}\n")


def test_the_key_is_added_when_missing(vault: Vault) -> None:
    text = with_status_line(vault, None)

    after = changed(vault, CLEAN, "review", text)

    assert after == text.replace("\n---\n\n# ", "\nstatus: review\n---\n\n# ", 1)
    assert frontmatter.loads(after)["status"] == "review"


def test_a_status_that_needs_quotes_gets_them() -> None:
    assert in_style("yes", "") == "'yes'"  # plain, YAML 1.1 would read a boolean
    assert in_style("it's done", "'") == "'it''s done'"
    assert in_style('say "go"', '"') == '"say \\"go\\""'
    assert in_style("review", None) == "review"


def test_the_same_status_is_no_change(vault: Vault) -> None:
    result = plan(vault, CLEAN, "draft")
    assert result == StatusChange("draft", "draft", None)
    assert isinstance(result, StatusChange) and not result.changed


def test_the_status_is_written_as_the_settings_spell_it(vault: Vault) -> None:
    text = (vault.root / CLEAN).read_text(encoding="utf-8")
    assert changed(vault, CLEAN, " Review ") == text.replace("status: draft", "status: review")


# -- refusals ------------------------------------------------------------------------------


def test_a_status_that_is_not_allowed_names_the_allowed_ones(vault: Vault) -> None:
    result = plan(vault, CLEAN, "done")

    assert isinstance(result, StatusRefusal) and result.unknown_status
    allowed = "draft, review, published"
    assert f"'done' is not one of the allowed statuses: {allowed}" in result.message


def test_configured_statuses_are_the_allowed_ones(vault: Vault) -> None:
    custom = vault.with_settings(Settings(status_values=["idea", "draft", "live"]), [])
    note = custom.load(CLEAN)

    refused = plan_status(note, CheckContext(custom), "review")
    assert isinstance(refused, StatusRefusal)
    assert "allowed statuses: idea, draft, live" in refused.message
    accepted = plan_status(note, CheckContext(custom), "live")
    assert isinstance(accepted, StatusChange) and accepted.edit is not None


def test_a_note_that_is_not_a_draft_is_refused(vault: Vault) -> None:
    before = (vault.root / "Notes/Transformers.md").read_bytes()

    result = plan(vault, "Notes/Transformers.md", "review")

    assert isinstance(result, StatusRefusal) and not result.unknown_status
    assert "'Notes/Transformers.md' is not a blog draft" in result.message
    assert (vault.root / "Notes/Transformers.md").read_bytes() == before


def test_a_draft_without_frontmatter_is_refused(vault: Vault) -> None:
    result = plan(vault, "Tweets/Bare Idea.md", "review", "# Bare Idea\n\nSome words.\n")

    assert isinstance(result, StatusRefusal)
    assert "has no frontmatter" in result.message
