"""The relevance engine's commands (``workspace/executeCommand``):

- ``blog-lsp.relatedNotes`` ``{"uri": str, "limit"?: int}``: the notes most related to the
  note ``uri`` (its unsaved text when it is open), best first:
  ``[{"target", "path", "title", "score", "why"}]``; ``target`` is what goes between ``[[``
  and ``]]`` to link to it from that note, unambiguously.
- ``blog-lsp.suggestTags`` ``{"uri": str, "limit"?: int}``: tags that suit the note and it
  does not have yet, best first: ``[{"tag", "score", "source"}]``, ``source`` being ``vault``
  (other notes use it) or ``spec`` (the ``tag_vocabulary`` setting).

``limit`` is 1 to 100 (10 by default). Both wait for the vault's index to be complete, then
compute in a worker from the vault value of that moment (see :mod:`blog_lsp.relevance`).
Bad arguments get an Invalid Params error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from pygls.exceptions import JsonRpcInvalidParams

from blog_lsp.server.commands.common import (
    RELATED_NOTES,
    SUGGEST_TAGS,
    Argument,
    parse_arguments,
    vault_state,
    wait_for_index,
)
from blog_lsp.server.server import BlogLanguageServer

if TYPE_CHECKING:
    from blog_lsp.vault.model import Note
    from blog_lsp.vault.vault import Vault


def _arguments() -> dict[str, Argument]:
    from blog_lsp.relevance.engine import MAX_LIMIT

    return {
        "uri": Argument(str, "the URI of a note in the vault", required=True),
        "limit": Argument(int, f"a whole number from 1 to {MAX_LIMIT}"),
    }


async def _run(
    ls: BlogLanguageServer,
    command: str,
    arguments: Sequence[Any],
    compute: Callable[[Vault, Note, int], list[Any]],
) -> list[dict[str, Any]]:
    from blog_lsp.relevance.engine import DEFAULT_LIMIT, MAX_LIMIT

    expected = _arguments()
    options = parse_arguments(command, arguments, expected)
    limit = options.get("limit", DEFAULT_LIMIT)
    if not 1 <= limit <= MAX_LIMIT:
        raise JsonRpcInvalidParams(
            f"{command}: 'limit' must be {expected['limit'].description}, not {limit}."
        )
    uri = options["uri"]
    # The vault holding the note (refused outside every vault and workspace folder).
    await wait_for_index(vault_state(ls, uri, command))
    document = ls.document_note(uri)
    if document is None:
        raise JsonRpcInvalidParams(
            f"{command}: 'uri' must name a Markdown note that can be read, not {uri!r}."
        )
    located, note = document
    results = await ls.run_in_worker(compute, located.state.vault, note, limit)
    return [item.to_json() for item in results]


async def related_notes(ls: BlogLanguageServer, arguments: Sequence[Any]) -> list[dict[str, Any]]:
    from blog_lsp.relevance.engine import related_notes as compute

    return await _run(ls, RELATED_NOTES, arguments, compute)


async def suggest_tags(ls: BlogLanguageServer, arguments: Sequence[Any]) -> list[dict[str, Any]]:
    from blog_lsp.relevance.engine import suggest_tags as compute

    return await _run(ls, SUGGEST_TAGS, arguments, compute)
