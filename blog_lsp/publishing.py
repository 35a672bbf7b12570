"""The status workflow: a draft's ``status`` moved from one allowed value to another (the
``status_values`` setting: draft, review, published by default), and never to ``published``
while the checks find errors or warnings in it.

:func:`plan_status` works out the change, or why it is refused; it writes nothing. The
server's ``blog-lsp.setStatus`` command and its "Mark as ..." code actions apply the edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from blog_lsp.checks.framework import CheckContext, check_note
from blog_lsp.checks.frontmatter import value_edit
from blog_lsp.drafting.yaml_text import yaml_scalar
from blog_lsp.findings import Edit, Finding, InsertLines, Severity
from blog_lsp.vault.model import Note

PUBLISHED = "published"
STATUS_FIELD = "status"
# A refusal names this many of the findings that keep a draft from being published, and
# counts the rest: enough to start on, short enough for a message box.
REASONS_SHOWN = 3


@dataclass(frozen=True, slots=True)
class StatusChange:
    """The status a draft gets, the one it had (None when it had none that is text), and
    the edit of the note's text that makes the change (None when it already has it)."""

    status: str
    previous: str | None
    edit: Edit | None

    @property
    def changed(self) -> bool:
        return self.edit is not None


@dataclass(frozen=True, slots=True)
class StatusRefusal:
    """Why the status cannot be set, for the writer. ``blocking``: the findings that keep a
    draft from being published (empty for the other refusals)."""

    message: str
    blocking: tuple[Finding, ...] = ()
    unknown_status: bool = False  # the status asked for is not an allowed one


def current_status(note: Note) -> str | None:
    """The note's status as written, when it is text."""
    value = note.frontmatter_value(STATUS_FIELD)
    return value.strip() if isinstance(value, str) else None


def allowed_status(wanted: str, allowed: Sequence[str]) -> str | None:
    """``wanted`` as the settings spell it ('Published' is 'published'), or None when it is
    not allowed. No allowed values (an empty setting) allows any status, as the
    frontmatter-status rule does."""
    wanted = wanted.strip()
    if not allowed:
        return wanted or None
    if wanted in allowed:
        return wanted
    return next((status for status in allowed if status.casefold() == wanted.casefold()), None)


def blocks_publishing(item: Finding) -> bool:
    """Whether a finding keeps a draft from being published: an error or a warning, unless
    it is about the status itself, which the change puts right."""
    if item.severity < Severity.WARNING:
        return False
    if item.code == "frontmatter-status":
        return False
    return not (item.code == "frontmatter-field-missing" and item.data.get("field") == STATUS_FIELD)


def plan_status(
    note: Note,
    context: CheckContext,
    wanted: str,
    findings: Sequence[Finding] | None = None,
) -> StatusChange | StatusRefusal:
    """The change that gives the draft ``note`` the status ``wanted``, or why it cannot.

    ``findings`` are the note's findings at their configured severities, as
    :func:`check_note` gives them (the server passes those it already has); they are worked
    out here when not given, and only for ``published``.
    """
    if not context.vault.is_draft(note):
        folder = context.settings.drafts_folder
        return StatusRefusal(
            f"'{note.path}' is not a blog draft (drafts are in '{folder}' or have "
            "'type: Blog'), so it has no status to set."
        )
    allowed = context.settings.status_values
    status = allowed_status(wanted, allowed)
    if status is None:
        return StatusRefusal(
            f"'{wanted.strip()}' is not one of the allowed statuses: {', '.join(allowed)} "
            "(the status_values setting).",
            unknown_status=True,
        )
    front = note.frontmatter
    if note.text is None or note.lines is None:
        return StatusRefusal(f"'{note.path}' could not be read in full, so it is left as it is.")
    if front is None:
        return StatusRefusal(
            f"'{note.path}' has no frontmatter to hold a status: add the blog frontmatter first."
        )
    if front.error is not None or not front.closed:
        return StatusRefusal(
            f"The frontmatter of '{note.path}' cannot be read, so its status cannot be set: "
            "correct the YAML first."
        )
    found = front.fields.get(STATUS_FIELD)
    previous = current_status(note)
    if found is not None and found.value == status:
        return StatusChange(status, previous, None)
    if status.casefold() == PUBLISHED:
        if findings is None:
            findings = check_note(note, context)
        blocking = tuple(item for item in findings if blocks_publishing(item))
        if blocking:
            return StatusRefusal(_not_published(blocking), blocking)
    if found is None:
        insert = InsertLines(front.range.end.line, f"{STATUS_FIELD}: {yaml_scalar(status)}")
        return StatusChange(status, previous, insert.as_edit(note.text, note.lines))
    edit = value_edit(note, found, in_style(status, found.style))
    assert edit is not None, "a status value is never blank"
    return StatusChange(status, previous, edit)


def in_style(value: str, style: str | None) -> str:
    """``value`` as a YAML scalar in a field's own style: single- or double-quoted when it
    was, else plain (or quoted where plain would read as something else)."""
    if style == "'":
        quoted = "'" + value.replace("'", "''") + "'"
    elif style == '"':
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        return yaml_scalar(value)
    return quoted if _reads_back(quoted, value) else yaml_scalar(value)


def _reads_back(scalar: str, value: str) -> bool:
    try:
        return bool(yaml.safe_load(f"k: {scalar}") == {"k": value})
    except yaml.YAMLError:
        return False


def _counted(items: Sequence[Finding], severity: Severity) -> str | None:
    number = sum(1 for item in items if item.severity == severity)
    if not number:
        return None
    return f"{number} {severity.label}{'' if number == 1 else 's'}"


def _not_published(blocking: Sequence[Finding]) -> str:
    counts = [_counted(blocking, severity) for severity in (Severity.ERROR, Severity.WARNING)]
    reasons = [
        f"Line {item.range.start.line + 1}, {item.code}: {item.message.rstrip('.')}"
        for item in blocking[:REASONS_SHOWN]
    ]
    more = len(blocking) - REASONS_SHOWN
    if more > 0:
        reasons.append(f"and {more} more")
    return (
        f"Not marked as published: the draft has {' and '.join(c for c in counts if c)} "
        f"to fix first. {'; '.join(reasons)}."
    )
