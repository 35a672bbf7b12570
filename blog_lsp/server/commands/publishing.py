"""``blog-lsp.setStatus`` ``{"uri": str, "status": str}``: a draft's ``status`` set, through
``workspace/applyEdit`` (see :mod:`blog_lsp.publishing`).

The status is one of the ``status_values`` setting (any case: 'Published' is written as the
setting spells it); anything else is Invalid Params, naming the allowed ones. Moving to
``published`` waits for the vault's index (link and duplicate checks need every note) and is
refused, as Request Failed naming the findings, while the draft has errors or warnings; so is
setting the status of a note that is not a draft. The open document's text is the one set
(the file's when it is not open). Returns ``{"uri", "status", "previous", "changed"}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pygls.exceptions import JsonRpcInvalidParams

from blog_lsp.server.commands.common import (
    SET_STATUS,
    Argument,
    CommandFailedError,
    apply_edit,
    parse_arguments,
    vault_state,
    wait_for_index,
)
from blog_lsp.server.edits import EditBuilder
from blog_lsp.server.server import BlogLanguageServer

if TYPE_CHECKING:
    from blog_lsp.findings import Finding

SET_STATUS_ARGUMENTS = {
    "uri": Argument(str, "the URI of a blog draft", required=True),
    "status": Argument(str, "the status to set, as text (such as 'review')", required=True),
}


async def set_status(ls: BlogLanguageServer, arguments: Sequence[Any]) -> dict[str, Any]:
    from blog_lsp.checks import CheckContext
    from blog_lsp.publishing import PUBLISHED, StatusRefusal, allowed_status, plan_status

    options = parse_arguments(SET_STATUS, arguments, SET_STATUS_ARGUMENTS)
    uri, wanted = options["uri"], options["status"]
    if not wanted.strip():
        raise JsonRpcInvalidParams(f"{SET_STATUS}: 'status' must not be blank.")
    state = vault_state(ls, uri, SET_STATUS)
    status = allowed_status(wanted, state.vault.settings.status_values)
    publishing = status is not None and status.casefold() == PUBLISHED
    if publishing:
        await wait_for_index(state)
    document = ls.document_note(uri)
    if document is None:
        raise JsonRpcInvalidParams(
            f"{SET_STATUS}: 'uri' must name a Markdown note that can be read, not {uri!r}."
        )
    located, note = document
    findings: list[Finding] | None = None
    if publishing:
        # The findings of this version, shared with diagnostics and code actions.
        checked = await ls.diagnostics.checked(located, fresh=True)
        note, findings = checked.note, checked.findings
    plan = plan_status(note, CheckContext(located.vault, located.state.engines), wanted, findings)
    if isinstance(plan, StatusRefusal):
        if plan.unknown_status:
            raise JsonRpcInvalidParams(f"{SET_STATUS}: {plan.message}")
        raise CommandFailedError(plan.message)
    if plan.edit is not None:
        current = ls.open_document(uri)
        if located.version is not None and (current is None or current.version != located.version):
            raise CommandFailedError("The note changed while its status was being set; try again.")
        builder = EditBuilder(ls).replace(
            uri, ls.to_client_range(note, plan.edit.range), plan.edit.new_text
        )
        await apply_edit(ls, builder, f"Set the status to {plan.status}")
    return {
        "uri": uri,
        "status": plan.status,
        "previous": plan.previous,
        "changed": plan.changed,
    }
