"""``blog-lsp.newDraft`` and ``blog-lsp.newDraftFromSelection``: drafts from the template."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from blog_lsp.server.commands.common import (
    NEW_DRAFT,
    NEW_DRAFT_FROM_SELECTION,
    Argument,
    CommandFailedError,
    apply_edit,
    note_created,
    parse_arguments,
    parse_range,
    show_document,
    vault_state,
    wait_for_index,
)
from blog_lsp.server.edits import EditBuilder
from blog_lsp.server.server import BlogLanguageServer

if TYPE_CHECKING:
    from blog_lsp.drafting.plans import DraftPlan
    from blog_lsp.vault.vault import Vault

# -- new drafts ------------------------------------------------------------------------------


def similar_draft_error(
    ls: BlogLanguageServer, vault: Vault, title: str, text: str | None = None
) -> CommandFailedError | None:
    """The refusal for a title that is nearly the title of an existing draft, or for a new
    draft's ``text`` whose content is nearly that of one; or None."""
    from blog_lsp.drafting.similar import find_duplicate_drafts, prose_of

    similar = find_duplicate_drafts(vault, title, None if text is None else prose_of(text))
    if not similar:
        return None
    other = similar[0]
    # Each editor says its own way to create it anyway (":BlogNewDraft!", "Create Anyway"):
    # "duplicate" in the data tells them this refusal is the one to say it for.
    return CommandFailedError(
        f"A draft with {other.alike} already exists: '{other.title}' "
        f"({other.path}). Open it, or create the new draft anyway.",
        data={
            "existing": ls.uri_for(vault, other.path),
            "path": other.path,
            "duplicate": True,
            "match": other.match,
        },
    )


async def create_new_draft(
    ls: BlogLanguageServer,
    vault: Vault,
    title: str,
    *,
    tags: Sequence[str] = (),
    description: str = "",
    allow_duplicate: bool = False,
) -> tuple[str, DraftPlan]:
    """Create the draft for ``title`` from the template; returns its URI and plan. A title
    too long for search results is refused first (Invalid Params, with a shorter title in the
    data for the editor to offer), then a file of that name (asking for a duplicate would not
    help), then a title nearly that of another draft unless ``allow_duplicate``. The server
    writes the file, complete when this returns."""
    from blog_lsp.drafting.errors import DraftError
    from blog_lsp.drafting.files import DraftExistsError, create_draft, existing_file
    from blog_lsp.drafting.naming import long_title_refusal, shortened_title
    from blog_lsp.drafting.plans import plan_draft
    from blog_lsp.drafting.template import DraftSpec, render_checked_draft

    settings = vault.settings
    limit = settings.title_max_length
    too_long = long_title_refusal(title, limit)
    if too_long is not None:
        raise JsonRpcInvalidParams(
            too_long, data={"limit": limit, "shortened": shortened_title(title, limit)}
        )
    try:
        plan = plan_draft(vault, title)
    except DraftError as error:
        raise CommandFailedError(str(error)) from error
    existing = existing_file(plan.path)
    if existing is not None:
        raise CommandFailedError(str(DraftExistsError(existing, vault.root)))
    spec = DraftSpec(
        title, datetime.date.today(), tags=tags, description=description, blog_tag=settings.blog_tag
    )
    try:
        text = render_checked_draft(spec)
    except DraftError as error:
        raise CommandFailedError(str(error)) from error
    if not allow_duplicate:
        # The draft's content as it will be (its title, the description when given).
        refusal = similar_draft_error(ls, vault, title, text)
        if refusal is not None:
            raise refusal
    # The drafting package writes it, with the same checks as `blog-lsp new`: a file created
    # through the editor's edit would stay empty on disk until the writer saved it.
    try:
        create_draft(
            vault.root, settings.drafts_folder, spec, max_length=settings.filename_max_length
        )
    except DraftError as error:
        raise CommandFailedError(str(error)) from error
    await note_created(ls, vault, plan.relative, text)
    return ls.uri_for(vault, plan.relative), plan


def _title(command: str, value: str) -> str:
    from blog_lsp.drafting.naming import blank_title_problem, clean_line

    problem = blank_title_problem(value)
    if problem is not None:
        raise JsonRpcInvalidParams(f"{command}: {problem}.")
    return clean_line(value)


NEW_DRAFT_ARGUMENTS = {
    "title": Argument(str, "the draft's title, as text", required=True),
    "tags": Argument(list, "a list of tags, as text", list_of=str),
    "description": Argument(str, "the SEO description, as text"),
    "allowDuplicate": Argument(bool, "true or false"),
    "uri": Argument(str, "the URI of a file in the vault"),
}

NEW_DRAFT_FROM_SELECTION_ARGUMENTS = {
    "uri": Argument(str, "the URI of the note holding the selection", required=True),
    "range": Argument(dict, "the selection's range", required=True),
    "title": Argument(str, "the selected text, as the draft's title", required=True),
    "draftTitle": Argument(str, "the draft's title when it is not the selected text, as text"),
    "allowDuplicate": Argument(bool, "true or false"),
}


async def new_draft(ls: BlogLanguageServer, arguments: Sequence[Any]) -> str:
    options = parse_arguments(NEW_DRAFT, arguments, NEW_DRAFT_ARGUMENTS)
    title = _title(NEW_DRAFT, options["title"])
    state = vault_state(ls, options.get("uri"), NEW_DRAFT)
    await wait_for_index(state)
    uri, _ = await create_new_draft(
        ls,
        state.vault,
        title,
        tags=options.get("tags", ()),
        description=options.get("description", ""),
        allow_duplicate=options.get("allowDuplicate", False),
    )
    await show_document(ls, uri)
    return uri


def selection_link(stem: str, selected: str, draft_title: str) -> str:
    """The wiki-link that replaces the selection: to the draft, showing the selected text
    when the draft's title is another (shortened) one, so the sentence reads as before."""
    if draft_title == selected or any(mark in selected for mark in ("|", "[[", "]]")):
        return f"[[{stem}]]"
    return f"[[{stem}|{selected}]]"


def _selection_is(ls: BlogLanguageServer, uri: str, where: types.Range, title: str) -> bool:
    """Whether the document's current text at ``where`` is still the selected title."""
    from blog_lsp.drafting.naming import clean_line

    located = ls.locate(uri)
    if located is None or located.text is None:
        return False
    note = ls.parsed_note(located)
    assert note.text is not None
    start = ls.from_client_position(note, where.start)
    end = ls.from_client_position(note, where.end)
    return clean_line(note.text[start:end]) == title


async def new_draft_from_selection(ls: BlogLanguageServer, arguments: Sequence[Any]) -> str:
    command = NEW_DRAFT_FROM_SELECTION
    options = parse_arguments(command, arguments, NEW_DRAFT_FROM_SELECTION_ARGUMENTS)
    where = parse_range(command, options["range"])
    title = _title(command, options["title"])
    uri = options["uri"]
    located = ls.locate(uri)
    if located is None or located.text is None:
        raise JsonRpcInvalidParams(f"{command}: 'uri' must name a note in a vault, not {uri!r}.")
    if not _selection_is(ls, uri, where, title):
        raise CommandFailedError(
            "The selection has changed since the action was offered: select the text again."
        )
    draft_title = title
    if "draftTitle" in options:
        draft_title = _title(command, options["draftTitle"])
    await wait_for_index(located.state)
    vault = located.state.vault
    draft_uri, plan = await create_new_draft(
        ls, vault, draft_title, allow_duplicate=options.get("allowDuplicate", False)
    )
    # Checked again just before the edit is built: the range must still hold the title (the
    # edit carries the version it was built for, and clients without versions trust us).
    if not _selection_is(ls, uri, where, title):
        raise CommandFailedError(
            f"The draft '{plan.relative}' was created, but the selection was not replaced by a "
            "link to it: the selection has changed meanwhile."
        )
    link = EditBuilder(ls).replace(uri, where, selection_link(plan.stem, title, draft_title))
    try:
        await apply_edit(ls, link, f"Link to the new draft '{plan.stem}'")
    except CommandFailedError as error:
        raise CommandFailedError(
            f"The draft '{plan.relative}' was created, but the selection was not replaced by "
            f"a link to it: {error.message}"
        ) from error
    await show_document(ls, draft_uri)
    return draft_uri
