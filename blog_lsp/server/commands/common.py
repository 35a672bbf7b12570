"""What the commands share: their names, checking their arguments, finding the vault, and
creating files (written by the server through ``drafting.files``, complete when the command
returns; never over an existing file)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams

from blog_lsp.paths import resolve_path
from blog_lsp.server.documents import fs_path
from blog_lsp.server.edits import EditBuilder
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.server.vaults import VaultState

if TYPE_CHECKING:
    from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)

NEW_DRAFT = "blog-lsp.newDraft"
NEW_DRAFT_FROM_SELECTION = "blog-lsp.newDraftFromSelection"
CREATE_NOTE = "blog-lsp.createNote"
ADD_WORD = "blog-lsp.addWord"
OPEN_NOTE = "blog-lsp.openNote"
STATUS = "blog-lsp.status"
RELATED_NOTES = "blog-lsp.relatedNotes"
SUGGEST_TAGS = "blog-lsp.suggestTags"
SET_STATUS = "blog-lsp.setStatus"

INDEX_TIMEOUT_SECONDS = 30.0
LONGEST_WORD = 100


class CommandFailedError(JsonRpcException):
    """A valid request that could not be carried out (LSP's RequestFailed)."""

    CODE = -32803
    MESSAGE = "Request Failed"


# -- arguments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Argument:
    """One key of a command's argument object: its JSON type and whether it must be there."""

    kind: type
    description: str
    required: bool = False
    list_of: type | None = None  # for lists: the type of every item

    def accepts(self, value: Any) -> bool:
        if self.kind is bool:
            return isinstance(value, bool)
        if isinstance(value, bool):  # JSON true/false is never a number or text here
            return False
        if not isinstance(value, self.kind):
            return False
        if self.list_of is not None:
            return isinstance(value, list) and all(isinstance(item, self.list_of) for item in value)
        return True


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list" if all(isinstance(item, str) for item in value) else "a list with non-text"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else type(value).__name__


def parse_arguments(
    command: str, arguments: Sequence[Any], expected: dict[str, Argument]
) -> dict[str, Any]:
    """The one argument object of a command, checked against ``expected``; raises Invalid
    Params with a message that says what is wrong. Keys given as null count as absent."""
    keys = ", ".join(
        f"'{name}'" + ("" if argument.required else " (optional)")
        for name, argument in expected.items()
    )
    if len(arguments) != 1 or not isinstance(arguments[0], dict):
        got = "nothing" if not arguments else f"{len(arguments)} arguments"
        if len(arguments) == 1:
            got = _describe(arguments[0])
        raise JsonRpcInvalidParams(
            f"{command} takes one argument, an object with {keys}; it got {got}."
        )
    given: dict[str, Any] = arguments[0]
    unknown = sorted(str(name) for name in given if name not in expected)
    if unknown:
        raise JsonRpcInvalidParams(
            f"{command} does not know the argument '{unknown[0]}'; it takes {keys}."
        )
    options: dict[str, Any] = {}
    for name, argument in expected.items():
        value = given.get(name)
        if value is None:
            if argument.required:
                raise JsonRpcInvalidParams(f"{command} needs '{name}' ({argument.description}).")
            continue
        if not argument.accepts(value):
            raise JsonRpcInvalidParams(
                f"{command}: '{name}' must be {argument.description}, not {_describe(value)}."
            )
        options[name] = value
    return options


def parse_range(command: str, value: dict[str, Any]) -> types.Range:
    try:
        positions = [
            types.Position(line=value[end]["line"], character=value[end]["character"])
            for end in ("start", "end")
        ]
        if not all(
            isinstance(number, int) and not isinstance(number, bool) and number >= 0
            for position in positions
            for number in (position.line, position.character)
        ):
            raise TypeError
    except (KeyError, TypeError) as error:
        raise JsonRpcInvalidParams(
            f"{command}: 'range' must be an LSP range, "
            '{"start": {"line": 0, "character": 0}, "end": {...}}.'
        ) from error
    return types.Range(start=positions[0], end=positions[1])


def vault_state(ls: BlogLanguageServer, uri: str | None, command: str) -> VaultState:
    """The vault a command works in: the one holding ``uri``, else the first workspace
    folder's. A URI outside every vault and workspace folder is refused rather than opened
    (and indexed) as a new vault."""
    if uri is not None:
        path_text = fs_path(uri)
        if path_text is None:
            raise JsonRpcInvalidParams(f"{command}: 'uri' must be a file URI, not {uri!r}.")
        path = resolve_path(Path(path_text))
        roots = [*ls.vaults, *(resolve_path(root) for root in ls.workspace_roots)]
        if not any(path == root or root in path.parents for root in roots):
            raise JsonRpcInvalidParams(
                f"{command}: 'uri' must be a file in an open vault, not {uri!r}."
            )
        return ls.vault_state_for(path)
    if not ls.workspace_roots:
        raise CommandFailedError(
            f"{command} needs a vault: open the vault's folder in the editor, or pass 'uri'."
        )
    return ls.vault_state_for(ls.workspace_roots[0])


async def wait_for_index(state: VaultState, timeout: float = INDEX_TIMEOUT_SECONDS) -> None:
    """Wait until the vault's index is complete and up to date: the duplicate check needs
    every draft."""
    try:
        await asyncio.wait_for(state.indexer.settled(), timeout)
    except TimeoutError:
        raise CommandFailedError(
            "The vault is still being indexed; try again in a moment."
        ) from None


# -- files -----------------------------------------------------------------------------------


async def apply_edit(ls: BlogLanguageServer, builder: EditBuilder, label: str) -> None:
    """Have the client apply an edit; raises Request Failed when it does not."""
    edit = builder.build()
    result = await ls.workspace_apply_edit_async(
        types.ApplyWorkspaceEditParams(edit=edit, label=label)
    )
    if not result.applied:
        reason = result.failure_reason or "no reason given"
        raise CommandFailedError(f"The editor did not apply the edit '{label}': {reason}.")


def write_from_server(vault: Vault, path: Path, text: str) -> None:
    """Write a new file from the server (the core's, which never overwrites and never writes
    outside the vault); its refusal is Request Failed."""
    from blog_lsp.drafting.errors import DraftError
    from blog_lsp.drafting.files import write_new_file

    try:
        write_new_file(vault.root, path, text)
    except DraftError as error:
        raise CommandFailedError(str(error)) from error


async def create_file(ls: BlogLanguageServer, vault: Vault, path: Path, text: str) -> str:
    """Write a new note holding ``text`` and add it to the index; returns its URI.

    The server writes it, whatever the client can do: a file created through a workspace edit
    is left empty on disk by the editors (Neovim, VS Code) until the writer saves its buffer.
    """
    from blog_lsp.drafting.files import existing_file, exists_message

    existing = existing_file(path)
    if existing is not None:
        raise CommandFailedError(exists_message(existing, vault.root))
    relative = vault.relative(path)
    write_from_server(vault, path, text)
    await note_created(ls, vault, relative, text)
    return ls.uri_for(vault, relative)


async def note_created(ls: BlogLanguageServer, vault: Vault, relative: str, text: str) -> None:
    """Index a new note at once (the editor may not tell us about it, or only later); open
    notes are checked again once it is in: links to it now resolve."""
    found = ls.state_holding(vault.root / relative)
    if found is not None:
        found[0].indexer.path_changed(found[1], text)
        await found[0].indexer.updated()


async def show_document(ls: BlogLanguageServer, uri: str) -> bool:
    """Ask the editor to show a document, when it can; a refusal is not an error."""
    if not ls.client.show_document:
        return False
    try:
        result = await ls.window_show_document_async(
            types.ShowDocumentParams(uri=uri, take_focus=True)
        )
    except Exception as error:
        log.warning("the editor did not show %s: %s", uri, error)
        return False
    return bool(result is not None and result.success)
