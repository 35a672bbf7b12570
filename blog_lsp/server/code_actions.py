"""Code actions: quick fixes for what the checks find, 'Fix all British spellings', and a new
blog draft from the selection.

Fixes come from the findings for the document's *current* text, never from the ``data`` a
client sends back: a diagnostic that no longer matches a finding (the text changed after it
was published) gets no fix, and clients that do not return ``data`` get the same fixes. The
checks, typo suggestions (computed only here, never while publishing diagnostics) and file
look-ups run off the event loop; the actions are then built on it.

Kinds and titles:

- ``quickfix``: each fix of a finding (its title is the check's: "Change to 'optimise'",
  "Write the date as '2025-10-14'", "Add '## Introduction'"...; safe fixes are preferred
  unless the check says otherwise), except renames (a note's name changes with every link
  to it: that is the rename request's work); "Add all the missing frontmatter fields" for
  several at once; typo suggestions and "Add 'word' to the vault dictionary" (command
  ``blog-lsp.addWord``), "Create the note 'Retrieval Tricks.md'" for an unresolved link,
  "Open the other draft '...'" for a duplicate;
- ``source.fixAll.blog-lsp``: "Fix all British spellings", one edit for the whole note;
- ``refactor``: "New blog draft 'Title' from the selection" (ending "(title cut to
  60)" when the selection is too long for a title), or "Open existing draft 'Title'" when a draft
  with a nearly identical title exists;
- ``source``: "Mark as review", "Mark as published" (see :mod:`.status_actions`).

The actions that create a file (a note, a draft) are commands: the server writes the file,
complete on disk when the command returns (an editor leaves a file created by an edit empty
until it is saved), and never over an existing one.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from blog_lsp.findings import Edit, Finding, Fix, InsertLines, RenameNote
from blog_lsp.server import commands
from blog_lsp.server.diagnostics import SOURCE, Checked, is_note_uri
from blog_lsp.server.edits import EditBuilder
from blog_lsp.server.selection import SelectionPlan, plan_selection
from blog_lsp.server.server import BlogLanguageServer, Located
from blog_lsp.server.status_actions import STATUS_KIND, status_actions
from blog_lsp.text import Range

if TYPE_CHECKING:
    from blog_lsp.vault.model import Note

log = logging.getLogger(__name__)

QUICK_FIX = types.CodeActionKind.QuickFix.value
REFACTOR = types.CodeActionKind.Refactor.value
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.blog-lsp"
CODE_ACTION_KINDS = [QUICK_FIX, REFACTOR, FIX_ALL, STATUS_KIND]

FIX_ALL_TITLE = "Fix all British spellings"
SUGGESTION_LIMIT = 5
# Typo suggestions can take a tenth of a second a word: for this many diagnostics a request.
MOST_TYPO_WORDS = 3


def _kind_text(kind: Any) -> str:
    return str(kind.value) if isinstance(kind, enum.Enum) else str(kind)


def wanted(only: Sequence[Any] | None, kind: str) -> bool:
    """Whether the client asked for actions of ``kind``: no ``only`` asks for every kind, and
    a kind includes its sub-kinds ('source.fixAll' includes 'source.fixAll.blog-lsp')."""
    if not only:
        return True
    for requested in map(_kind_text, only):
        if not requested or kind == requested or kind.startswith(requested + "."):
            return True
    return False


def _range_key(where: types.Range) -> tuple[int, int, int, int]:
    return (where.start.line, where.start.character, where.end.line, where.end.character)


# -- the analysis, off the event loop ----------------------------------------------------------


@dataclass
class Analysis:
    note: Note
    findings: list[Finding] = field(default_factory=list)
    # Each of the request's diagnostics that still matches a finding, with that finding.
    matched: list[tuple[types.Diagnostic, Finding]] = field(default_factory=list)
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    new_notes: dict[str, Path] = field(default_factory=dict)  # link target -> new note path
    selection: SelectionPlan | None = None


def needs_findings(params: types.CodeActionParams) -> bool:
    only = params.context.only
    ours = any(d.source == SOURCE for d in params.context.diagnostics)
    return (ours and wanted(only, QUICK_FIX)) or wanted(only, FIX_ALL)


def analyse(
    ls: BlogLanguageServer,
    located: Located,
    params: types.CodeActionParams,
    checked: Checked | None,
) -> Analysis:
    """Everything the actions need that takes time: runs in a worker thread. The findings
    are those of the document's version, checked already (see DiagnosticsScheduler.checked)."""
    note = checked.note if checked is not None else ls.parsed_note(located)
    analysis = Analysis(note)
    only = params.context.only
    ours = [d for d in params.context.diagnostics if d.source == SOURCE]
    if checked is not None:
        analysis.findings = checked.findings
    if ours and wanted(only, QUICK_FIX) and checked is not None:
        current: dict[tuple[object, ...], Finding] = {
            (item.code, _range_key(diagnostic.range), item.message): item
            for item, diagnostic in zip(checked.findings, checked.diagnostics, strict=True)
        }
        for diagnostic in ours:
            found = current.get((diagnostic.code, _range_key(diagnostic.range), diagnostic.message))
            if found is not None:
                analysis.matched.append((diagnostic, found))
        _look_up(located, analysis)
    if wanted(only, REFACTOR):
        analysis.selection = plan_selection(ls, located, note, params.range)
    return analysis


def _look_up(located: Located, analysis: Analysis) -> None:
    """Typo suggestions and new-note places for the matched findings."""
    from blog_lsp.drafting.files import existing_file
    from blog_lsp.drafting.plans import plan_note

    typo_words: list[str] = []
    for _, item in analysis.matched:
        word = item.data.get("word")
        if item.code == "spelling" and isinstance(word, str) and word not in typo_words:
            typo_words.append(word)
        target = item.data.get("target")
        if item.code == "link-unresolved" and isinstance(target, str):
            path = plan_note(located.vault, located.relative, target)
            if path is not None and existing_file(path) is None:
                analysis.new_notes[target] = path
    for word in typo_words[:MOST_TYPO_WORDS]:
        analysis.suggestions[word] = located.state.engines.typos.suggestions(word, SUGGESTION_LIMIT)


# -- building the actions, on the event loop ---------------------------------------------------


@dataclass
class Actions:
    """Builds code actions for one document."""

    ls: BlogLanguageServer
    uri: str
    note: Note

    def _client_range(self, where: Range) -> types.Range:
        return self.ls.to_client_range(self.note, where)

    def edit_action(
        self,
        title: str,
        builder: EditBuilder,
        diagnostic: types.Diagnostic | None,
        *,
        kind: str = QUICK_FIX,
        preferred: bool = False,
    ) -> types.CodeAction:
        return types.CodeAction(
            title=title,
            kind=kind,
            diagnostics=[diagnostic] if diagnostic is not None else None,
            is_preferred=True if preferred else None,
            edit=builder.build(),
        )

    def command_action(
        self,
        title: str,
        command: str,
        argument: dict[str, Any],
        diagnostic: types.Diagnostic | None,
        *,
        kind: str = QUICK_FIX,
    ) -> types.CodeAction:
        return types.CodeAction(
            title=title,
            kind=kind,
            diagnostics=[diagnostic] if diagnostic is not None else None,
            command=types.Command(title=title, command=command, arguments=[argument]),
        )

    def fix_action(
        self, fix: Fix, diagnostic: types.Diagnostic | None, *, kind: str = QUICK_FIX
    ) -> types.CodeAction | None:
        """A fix (of a finding, by default) as a code action; None for one that renames the
        note."""
        builder = EditBuilder(self.ls)
        for change in fix.edits:
            if isinstance(change, RenameNote):
                return None
            edit = change if isinstance(change, Edit) else self._edit_for(change)
            builder.replace(self.uri, self._client_range(edit.range), edit.new_text)
        return self.edit_action(
            fix.title, builder, diagnostic, kind=kind, preferred=fix.is_preferred
        )

    def _edit_for(self, insert: InsertLines) -> Edit:
        text, lines = self.note.text, self.note.lines
        assert text is not None and lines is not None
        return insert.as_edit(text, lines)


def finding_fixes(
    actions: Actions,
    located: Located,
    analysis: Analysis,
    diagnostic: types.Diagnostic,
    item: Finding,
) -> list[types.CodeAction]:
    """The quick fixes for one of the request's diagnostics (and its current finding): its
    fixes, then what a few rules offer that are not fixes of the text: typo suggestions
    (worked out only here) and the vault dictionary; a new note for an unresolved link; the
    other draft of a duplicate."""
    ls, code, data = actions.ls, item.code, item.data
    fixes = list(item.fixes)
    word = data.get("word") if code == "spelling" else None
    if isinstance(word, str):
        fixes += [
            Fix.replace(f"Change to '{suggestion}'", item.range, suggestion)
            for suggestion in analysis.suggestions.get(word, [])
        ]
    result = [action for fix in fixes if (action := actions.fix_action(fix, diagnostic))]
    if isinstance(word, str):
        result.append(
            actions.command_action(
                f"Add '{word}' to the vault dictionary",
                commands.ADD_WORD,
                {"word": word, "uri": actions.uri},
                diagnostic,
            )
        )
    target = data.get("target")
    path = analysis.new_notes.get(target) if isinstance(target, str) else None
    if code == "link-unresolved" and isinstance(target, str) and path is not None:
        result.append(create_note_action(actions, located, diagnostic, target, path))
    other = data.get("other")
    if code == "duplicate-draft" and isinstance(other, str):
        result.append(
            actions.command_action(
                f"Open the other draft '{other}'",
                commands.OPEN_NOTE,
                {"uri": ls.uri_for(located.vault, other)},
                diagnostic,
            )
        )
    return result


def create_note_action(
    actions: Actions, located: Located, diagnostic: types.Diagnostic, target: str, path: Path
) -> types.CodeAction:
    """'Create the note': the server writes it (command ``blog-lsp.createNote``)."""
    relative = located.vault.relative(path)
    return actions.command_action(
        f"Create the note '{relative}'",
        commands.CREATE_NOTE,
        {"uri": actions.uri, "target": target},
        diagnostic,
    )


def fix_all_action(
    actions: Actions, analysis: Analysis, diagnostics: Sequence[types.Diagnostic]
) -> types.CodeAction | None:
    """Every British spelling of the note fixed in one edit."""
    british = [item for item in analysis.findings if item.code == "british-spelling" and item.fix]
    if not british:
        return None
    builder = EditBuilder(actions.ls)
    for item in british:
        assert item.fix is not None
        builder.replace(actions.uri, actions.ls.to_client_range(actions.note, item.range), item.fix)
    covered = [d for d in diagnostics if d.source == SOURCE and d.code == "british-spelling"]
    return types.CodeAction(
        title=FIX_ALL_TITLE,
        kind=FIX_ALL,
        diagnostics=covered or None,
        edit=builder.build(),
    )


def selection_action(
    actions: Actions, located: Located, plan: SelectionPlan
) -> types.CodeAction | None:
    """'New blog draft from the selection' (the server writes the draft, then links the
    selection to it), or 'Open existing draft' for a near-duplicate."""
    ls, vault = actions.ls, located.vault
    if plan.existing:
        path, title = plan.existing[0]
        return actions.command_action(
            f"Open existing draft '{title}'",
            commands.OPEN_NOTE,
            {"uri": ls.uri_for(vault, path)},
            None,
            kind=REFACTOR,
        )
    draft = plan.draft
    if draft is None:
        return None
    title = f"New blog draft '{draft.stem}' from the selection"
    where = plan.range
    argument: dict[str, Any] = {
        "uri": actions.uri,
        "range": {
            "start": {"line": where.start.line, "character": where.start.character},
            "end": {"line": where.end.line, "character": where.end.character},
        },
        "title": plan.title,
    }
    if plan.shortened:
        # Choosing the action is the writer's consent to the shorter title it names.
        limit = vault.settings.title_max_length
        title = f"New blog draft '{draft.stem}' from the selection (title cut to {limit})"
        argument["draftTitle"] = plan.draft_title
    return actions.command_action(
        title, commands.NEW_DRAFT_FROM_SELECTION, argument, None, kind=REFACTOR
    )


def build_actions(
    ls: BlogLanguageServer,
    located: Located,
    params: types.CodeActionParams,
    analysis: Analysis,
) -> list[types.CodeAction]:
    actions = Actions(ls, params.text_document.uri, analysis.note)
    result: list[types.CodeAction] = []
    for diagnostic, item in analysis.matched:
        result.extend(finding_fixes(actions, located, analysis, diagnostic, item))
    result.extend(_all_missing_fields(actions, analysis))
    if wanted(params.context.only, FIX_ALL):
        fix_all = fix_all_action(actions, analysis, params.context.diagnostics)
        if fix_all is not None:
            result.append(fix_all)
    if analysis.selection is not None:
        selection = selection_action(actions, located, analysis.selection)
        if selection is not None:
            result.append(selection)
    if wanted(params.context.only, STATUS_KIND):
        result.extend(status_actions(located, analysis.note))
    return result


def _all_missing_fields(actions: Actions, analysis: Analysis) -> list[types.CodeAction]:
    """With several missing fields under the cursor, one action that adds them all."""
    missing = [
        (diagnostic, change)
        for diagnostic, item in analysis.matched
        if item.code == "frontmatter-field-missing"
        for fix in item.fixes
        for change in fix.edits
        if isinstance(change, InsertLines)
    ]
    if len(missing) < 2 or len({change.line for _, change in missing}) != 1:
        return []
    lines = "\n".join(change.text for _, change in missing)
    all_fields = Fix.insert("Add all the missing frontmatter fields", missing[0][1].line, lines)
    action = actions.fix_action(all_fields, missing[0][0])
    if action is None:
        return []
    action.diagnostics = [diagnostic for diagnostic, _ in missing]
    return [action]


async def code_actions(
    ls: BlogLanguageServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    if not is_note_uri(uri):
        return None
    await ls.index_updated()  # the actions see every change sent before the request
    located = ls.locate(uri)
    if located is None or located.text is None:
        return None
    version = located.version
    checked = await ls.diagnostics.checked(located) if needs_findings(params) else None
    analysis = await ls.run_in_worker(analyse, ls, located, params, checked)
    from blog_lsp.server.relevance_actions import relevance_actions  # it imports this module

    relevance = await relevance_actions(ls, located, params, analysis)
    current = ls.open_document(uri)
    if (current.version if current is not None else None) != version:
        log.debug("%s changed while its code actions were computed", uri)
        return None  # the ranges are stale; the editor asks again for the new text
    return build_actions(ls, located, params, analysis) + relevance or None


def register(server: BlogLanguageServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=CODE_ACTION_KINDS, resolve_provider=False),
    )
    async def code_action(
        ls: BlogLanguageServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        return await code_actions(ls, params)
