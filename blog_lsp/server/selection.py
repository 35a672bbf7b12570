"""'New blog draft from the selection': the plan, made off the event loop (the title, shortened
when it is too long for search results, where the draft would go, and any draft with a nearly
identical title); code_actions builds the action."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lsprotocol import types

from blog_lsp.server.server import BlogLanguageServer, Located

if TYPE_CHECKING:
    from blog_lsp.drafting.plans import DraftPlan
    from blog_lsp.vault.model import Note

log = logging.getLogger(__name__)

# A longer selection is a passage, not a title.
LONGEST_SELECTION_TITLE = 200


@dataclass
class SelectionPlan:
    """'New blog draft from the selection': the selected title, the draft's (a shortened one
    when the selection is too long for a title), where the draft would go, and any draft with
    a nearly identical title (then the action opens that one instead)."""

    title: str
    range: types.Range
    draft_title: str = ""
    draft: DraftPlan | None = None
    existing: list[tuple[str, str]] = field(default_factory=list)  # (path, title)

    @property
    def shortened(self) -> bool:
        return bool(self.draft_title) and self.draft_title != self.title


def plan_selection(
    ls: BlogLanguageServer, located: Located, note: Note, where: types.Range
) -> SelectionPlan | None:
    from blog_lsp.drafting.errors import DraftError
    from blog_lsp.drafting.files import existing_file
    from blog_lsp.drafting.naming import clean_line, shortened_title
    from blog_lsp.drafting.plans import plan_draft
    from blog_lsp.drafting.similar import find_similar_drafts

    # One line, not empty; and only once the index is complete, or a duplicate could be missed.
    if where.start.line != where.end.line or where.start.character >= where.end.character:
        return None
    if note.text is None or not located.vault.complete:
        return None
    start = ls.from_client_position(note, where.start)
    end = ls.from_client_position(note, where.end)
    title = clean_line(note.text[start:end])
    if not title or len(title) > LONGEST_SELECTION_TITLE:
        return None
    vault = located.vault
    # Never a draft with a title too long for search results: the action offers a shorter one.
    draft_title = shortened_title(title, vault.settings.title_max_length)
    if draft_title is None:
        return None
    plan = SelectionPlan(title, where, draft_title)
    similar = find_similar_drafts(vault, draft_title, exclude=located.relative)
    plan.existing = [(other.path, other.title) for other in similar]
    if plan.existing:
        return plan
    try:
        draft = plan_draft(vault, draft_title)
    except DraftError as error:
        log.info("no draft from the selection: %s", error)
        return None
    existing = existing_file(draft.path)
    if existing is not None:
        relative = vault.relative(existing)
        plan.existing = [(relative, existing.stem)]
    else:
        plan.draft = draft
    return plan
