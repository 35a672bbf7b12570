"""The relevance engine's code actions on a draft (what they write is
:mod:`blog_lsp.relevance.fixes`):

- "Add related notes: A, B, C": the three most related notes the draft does not link yet,
  appended to its ``**Related**:`` footer line, or a new footer where the template has it.
  A quick fix of ``structure-related`` when the footer is missing or links nothing; else a
  ``refactor`` offered on the footer (from the last section to the end, or the Related line);
- "Add suggested tags: x, y, z": the three best suggested tags, added to the frontmatter's
  ``tags:`` list in its own style and to the Tags footer line; a ``refactor`` offered on the
  ``tags:`` field or the Tags footer line.

Both are also offered anywhere in the draft when the client asks for refactorings only (as
VS Code's "Refactor..." menu does), and only once the vault's index is complete: related notes
need every note. The relevance comes from :class:`~blog_lsp.server.draft_relevance.
DraftRelevance`, worked out in a worker once per version of the draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from blog_lsp.server.code_actions import QUICK_FIX, REFACTOR, Actions, Analysis, wanted

if TYPE_CHECKING:
    from blog_lsp.server.server import BlogLanguageServer, Located
    from blog_lsp.vault.model import Note


def _lines(where: types.Range) -> range:
    return range(where.start.line, where.end.line + 1)


def _touches(where: types.Range, first: int, last: int) -> bool:
    """Whether the request's range touches lines ``first`` to ``last``."""
    return where.start.line <= last and where.end.line >= first


def _on_footer(note: Note, where: types.Range) -> bool:
    from blog_lsp.checks.structure import related_line

    line = related_line(note)
    if line is not None and line in _lines(where):
        return True
    sections = [heading for heading in note.headings if heading.level == 2]
    first = sections[-1].range.start.line if sections else 0
    assert note.lines is not None
    return _touches(where, first, note.lines.line_count)


def _on_tags(note: Note, where: types.Range) -> bool:
    from blog_lsp.checks.structure import tags_line

    footer = tags_line(note)
    if footer is not None and footer in _lines(where):
        return True
    found = note.frontmatter.fields.get("tags") if note.frontmatter is not None else None
    if found is None:
        return False
    return _touches(where, found.key_range.start.line, found.value_range.end.line)


async def relevance_actions(
    ls: BlogLanguageServer, located: Located, params: types.CodeActionParams, analysis: Analysis
) -> list[types.CodeAction]:
    from blog_lsp.relevance.fixes import related_footer_fix, tags_fix

    note = analysis.note
    vault = located.vault
    if note.text is None or note.lines is None or not vault.is_draft(note):
        return []
    only = params.context.only
    asked = bool(only) and wanted(only, REFACTOR)  # refactorings asked for by name
    footer_findings = [
        diagnostic
        for diagnostic, item in analysis.matched
        if item.code == "structure-related" and item.data.get("footer") in ("missing", "empty")
    ]
    attached = footer_findings[0] if footer_findings and wanted(only, QUICK_FIX) else None
    where = params.range
    want_related = attached is not None or (
        wanted(only, REFACTOR) and (asked or _on_footer(note, where))
    )
    want_tags = wanted(only, REFACTOR) and (asked or _on_tags(note, where))
    if not (want_related or want_tags):
        return []
    relevance = await ls.relevance.of(located)
    if relevance is None:
        return []  # the vault is still being scanned
    actions = Actions(ls, params.text_document.uri, note)
    result: list[types.CodeAction] = []
    related = related_footer_fix(vault, note, relevance.related) if want_related else None
    if related is not None:
        kind = QUICK_FIX if attached is not None else REFACTOR
        action = actions.fix_action(related, attached, kind=kind)
        if action is not None:
            result.append(action)
    tags = tags_fix(note, relevance.tags) if want_tags else None
    if tags is not None:
        action = actions.fix_action(tags, None, kind=REFACTOR)
        if action is not None:
            result.append(action)
    return result
