"""The status workflow's code actions on a blog draft: "Mark as review" and "Mark as
published", of kind ``source`` (they are about the whole note, wherever the cursor is).

Each is offered when the draft's status is not already that one and the ``status_values``
setting allows it. Each runs ``blog-lsp.setStatus``, which checks the draft when it runs: a
draft with errors or warnings is refused publishing there, and the editor shows the reasons.
Offering them reads only the frontmatter, so a request costs no check of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from blog_lsp.server.commands.common import SET_STATUS

if TYPE_CHECKING:
    from blog_lsp.server.server import Located
    from blog_lsp.vault.model import Note

STATUS_KIND = types.CodeActionKind.Source.value
# (status, title), in the order a draft moves through them.
MARKS = (("review", "Mark as review"), ("published", "Mark as published"))


def status_actions(located: Located, note: Note) -> list[types.CodeAction]:
    from blog_lsp.publishing import allowed_status, current_status

    vault = located.vault
    if not vault.is_draft(note):
        return []
    allowed = vault.settings.status_values
    current = current_status(note)
    result = []
    for status, title in MARKS:
        spelt = allowed_status(status, allowed)
        if spelt is None or (current is not None and current.casefold() == status):
            continue
        command = types.Command(
            title=title, command=SET_STATUS, arguments=[{"uri": located.uri, "status": spelt}]
        )
        result.append(types.CodeAction(title=title, kind=STATUS_KIND, command=command))
    return result
