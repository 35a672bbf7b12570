"""Commands the server executes (``workspace/executeCommand``).

Each command takes one JSON object as its only argument:

- ``blog-lsp.newDraft`` ``{"title": str, "tags"?: [str], "description"?: str,
  "allowDuplicate"?: bool, "uri"?: str}``: a draft from the template in the drafts folder,
  shown in the editor; returns its URI. ``uri`` (any file of the vault) picks the vault when
  the editor has several open; by default it is the first workspace folder's. A title longer
  than the SEO limit is refused (Invalid Params), with a shortened one in the error's data.
- ``blog-lsp.newDraftFromSelection`` ``{"uri": str, "range": Range, "title": str,
  "draftTitle"?: str}``: the same, then the selection replaced by a wiki-link to the new draft
  (``draftTitle``: the draft's title when it is not the selected text, a shortened one).
- ``blog-lsp.createNote`` ``{"uri": str, "target": str}``: a note for the unresolved link
  ``target`` in the note ``uri``; returns its URI.
- ``blog-lsp.addWord`` ``{"word": str, "uri"?: str}``: the word appended to the vault's word
  list, and open notes checked again; returns the word list's URI.
- ``blog-lsp.openNote`` ``{"uri": str}``: the note shown in the editor; returns whether it was.
- ``blog-lsp.relatedNotes`` and ``blog-lsp.suggestTags`` ``{"uri": str, "limit"?: int}``: the
  notes most related to a note, and tags that suit it (see :mod:`.relevance`).
- ``blog-lsp.setStatus`` ``{"uri": str, "status": str}``: a draft's status set, never to
  ``published`` while it has errors or warnings (see :mod:`.publishing`).

Files are written here, complete when the command returns (an editor leaves a file created
through a workspace edit empty on disk until it is saved). An existing file is never
overwritten or edited, and nothing is written outside the vault. Bad arguments get an Invalid
Params error, a request that cannot be carried out a Request Failed error: both with a message
for the writer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from blog_lsp.server.commands.common import (
    ADD_WORD,
    CREATE_NOTE,
    NEW_DRAFT,
    NEW_DRAFT_FROM_SELECTION,
    OPEN_NOTE,
    RELATED_NOTES,
    SET_STATUS,
    STATUS,
    SUGGEST_TAGS,
)
from blog_lsp.server.commands.drafts import new_draft, new_draft_from_selection
from blog_lsp.server.commands.notes import create_note, open_note
from blog_lsp.server.commands.publishing import set_status
from blog_lsp.server.commands.relevance import related_notes, suggest_tags
from blog_lsp.server.commands.status import status
from blog_lsp.server.commands.words import add_word
from blog_lsp.server.server import BlogLanguageServer

__all__ = [
    "ADD_WORD",
    "COMMANDS",
    "CREATE_NOTE",
    "NEW_DRAFT",
    "NEW_DRAFT_FROM_SELECTION",
    "OPEN_NOTE",
    "STATUS",
    "register",
]

Command = Callable[[BlogLanguageServer, Sequence[Any]], Awaitable[Any]]

# Every command, by name: the one table register() reads.
COMMANDS: dict[str, Command] = {
    NEW_DRAFT: new_draft,
    NEW_DRAFT_FROM_SELECTION: new_draft_from_selection,
    CREATE_NOTE: create_note,
    ADD_WORD: add_word,
    OPEN_NOTE: open_note,
    STATUS: status,
    RELATED_NOTES: related_notes,
    SUGGEST_TAGS: suggest_tags,
    SET_STATUS: set_status,
}


def _taking_any(command: Command) -> Callable[..., Awaitable[Any]]:
    # Arguments are taken as they come (*arguments) and checked by the command, so a bad call
    # gets a message that says what is wrong rather than a conversion error.
    async def run(ls: BlogLanguageServer, *arguments: Any) -> Any:
        return await command(ls, arguments)

    run.__name__ = command.__name__
    return run


def register(server: BlogLanguageServer) -> None:
    for name, command in COMMANDS.items():
        server.command(name)(_taking_any(command))
