"""Commands the server executes (``workspace/executeCommand``).

Each command takes one JSON object as its only argument:

- ``blog-lsp.newDraft`` ``{"title": str, "tags"?: [str], "description"?: str,
  "allowDuplicate"?: bool, "uri"?: str}``: a draft from the template in the drafts folder,
  shown in the editor; returns its URI. ``uri`` (any file of the vault) picks the vault when
  the editor has several open; by default it is the first workspace folder's.
- ``blog-lsp.newDraftFromSelection`` ``{"uri": str, "range": Range, "title": str}``: the same,
  then the selection replaced by a wiki-link to the new draft.
- ``blog-lsp.createNote`` ``{"uri": str, "target": str}``: a note for the unresolved link
  ``target`` in the note ``uri``; returns its URI.
- ``blog-lsp.addWord`` ``{"word": str, "uri"?: str}``: the word appended to the vault's word
  list, and open notes checked again; returns the word list's URI.
- ``blog-lsp.openNote`` ``{"uri": str}``: the note shown in the editor; returns whether it was.

Files are created through ``workspace/applyEdit`` (a CreateFile and its text) when the client
can create files in an edit, and written here otherwise. Either way an existing file is never
overwritten or edited, and nothing is written outside the vault. Bad arguments get an Invalid
Params error, a request that cannot be carried out a Request Failed error: both with a message
for the writer.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams

from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.server.documents import file_uri, fs_path
from blog_lsp.server.edits import EditBuilder, EditNotSupportedError
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.server.vaults import VaultState
from blog_lsp.vault import cache

if TYPE_CHECKING:
    from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)

NEW_DRAFT = "blog-lsp.newDraft"
NEW_DRAFT_FROM_SELECTION = "blog-lsp.newDraftFromSelection"
CREATE_NOTE = "blog-lsp.createNote"
ADD_WORD = "blog-lsp.addWord"
OPEN_NOTE = "blog-lsp.openNote"
STATUS = "blog-lsp.status"

ORIGIN = types.Position(line=0, character=0)
INDEX_TIMEOUT_SECONDS = 30.0
LONGEST_WORD = 100
# A link to one of these names an attachment, not a note: 'Create note' is not offered.
ATTACHMENT_SUFFIXES = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "avif", "pdf", "mp3", "wav", "ogg",
     "m4a", "flac", "mp4", "webm", "mov", "mkv", "canvas", "base"}
)  # fmt: skip


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


def _parse_range(command: str, value: dict[str, Any]) -> types.Range:
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


def _vault_state(ls: BlogLanguageServer, uri: str | None, command: str) -> VaultState:
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


def can_create_files(ls: BlogLanguageServer) -> bool:
    """Whether the client can create a file in a workspace edit (EditBuilder's condition)."""
    return ls.supports_resource_operations


def relative_path(vault: Vault, path: Path) -> str:
    """``path`` relative to the vault root; its own name is kept even if it is a link."""
    return resolve_folders(path).relative_to(resolve_path(vault.root)).as_posix()


def _exists_message(vault: Vault, path: Path) -> str:
    from blog_lsp.template import exists_message

    return exists_message(path, vault.root)


async def apply_edit(ls: BlogLanguageServer, builder: EditBuilder, label: str) -> None:
    """Have the client apply an edit; raises Request Failed when it does not."""
    edit = builder.build()
    result = await ls.workspace_apply_edit_async(
        types.ApplyWorkspaceEditParams(edit=edit, label=label)
    )
    if not result.applied:
        reason = result.failure_reason or "no reason given"
        raise CommandFailedError(f"The editor did not apply the edit '{label}': {reason}.")


def _write_new_file(vault: Vault, path: Path, text: str) -> None:
    """Write a new file from the server: never over an existing one, never outside the vault."""
    root = resolve_path(vault.root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Checked again now the folders exist: a link created meanwhile must not lead outside.
        if not resolve_path(path.parent).is_relative_to(root):
            raise CommandFailedError(f"blog-lsp will not write outside the vault {root}.")
        # Mode "x" (O_CREAT | O_EXCL) fails on any existing file, even a dangling link.
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError as error:
        raise CommandFailedError(_exists_message(vault, path)) from error
    except OSError as error:
        raise CommandFailedError(f"Could not write '{path}': {error.strerror or error}.") from error


async def create_file(
    ls: BlogLanguageServer, vault: Vault, path: Path, text: str, label: str
) -> str:
    """Create a note holding ``text`` (through the client when it can create files) and add
    it to the index; returns its URI."""
    from blog_lsp.template import existing_file

    existing = existing_file(path)
    if existing is not None:
        raise CommandFailedError(_exists_message(vault, existing))
    relative = relative_path(vault, path)
    uri = ls.uri_for(vault, relative)
    try:
        if can_create_files(ls):
            builder = EditBuilder(ls).create_file(uri).insert(uri, ORIGIN, text)
            await apply_edit(ls, builder, label)
        else:
            _write_new_file(vault, path, text)
    except EditNotSupportedError:  # pragma: no cover - can_create_files says it is supported
        _write_new_file(vault, path, text)
    await note_created(ls, vault, relative, text)
    return uri


async def note_created(ls: BlogLanguageServer, vault: Vault, relative: str, text: str) -> None:
    """Index a new note at once (the editor may not have saved it yet, and may not tell us
    about it); open notes are checked again once it is in: links to it now resolve."""
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


# -- new drafts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftPlan:
    """Where the draft for a title goes: its absolute path (inside the vault), its path
    relative to the vault, and its filename without '.md' (what a wiki-link to it says)."""

    path: Path
    relative: str
    stem: str


def plan_draft(vault: Vault, title: str) -> DraftPlan:
    """Where the draft for ``title`` goes; raises DraftError (UnsafePathError) when that place
    is not safely inside the vault."""
    from blog_lsp.template import planned_draft_path

    settings = vault.settings
    path = planned_draft_path(
        vault.root, settings.drafts_folder, title, max_length=settings.filename_max_length
    )
    return DraftPlan(path, relative_path(vault, path), path.stem)


def similar_draft_error(
    ls: BlogLanguageServer, vault: Vault, title: str
) -> CommandFailedError | None:
    """The refusal for a title that is nearly the title of an existing draft, or None."""
    from blog_lsp.template import find_similar_drafts

    similar = find_similar_drafts(vault, title)
    if not similar:
        return None
    other = similar[0]
    # Each editor says its own way to create it anyway (":BlogNewDraft!", "Create Anyway"):
    # "duplicate" in the data tells them this refusal is the one to say it for.
    return CommandFailedError(
        f"A draft with a nearly identical title already exists: '{other.title}' "
        f"({other.path}). Open it, or create the new draft anyway.",
        data={"existing": ls.uri_for(vault, other.path), "path": other.path, "duplicate": True},
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
    """Create the draft for ``title`` from the template; returns its URI and plan. A file of
    that name is refused first (asking for a duplicate would not help), then a title nearly
    that of another draft unless ``allow_duplicate``."""
    from blog_lsp.template import DraftError, create_draft, existing_file, render_checked_draft

    settings = vault.settings
    try:
        plan = plan_draft(vault, title)
    except DraftError as error:
        raise CommandFailedError(str(error)) from error
    existing = existing_file(plan.path)
    if existing is not None:
        raise CommandFailedError(
            f"{_exists_message(vault, existing)} Choose another title, or open the existing note."
        )
    if not allow_duplicate:
        refusal = similar_draft_error(ls, vault, title)
        if refusal is not None:
            raise refusal
    today = datetime.date.today()
    try:
        text = render_checked_draft(
            title, today=today, tags=tags, description=description, blog_tag=settings.blog_tag
        )
    except DraftError as error:
        raise CommandFailedError(str(error)) from error
    uri = ls.uri_for(vault, plan.relative)
    if can_create_files(ls):
        builder = EditBuilder(ls).create_file(uri).insert(uri, ORIGIN, text)
        await apply_edit(ls, builder, f"New blog draft '{plan.stem}'")
    else:
        # The template module writes it: the same checks as `blog-lsp new`.
        try:
            create_draft(
                vault.root,
                settings.drafts_folder,
                title,
                today=today,
                tags=tags,
                description=description,
                blog_tag=settings.blog_tag,
                max_length=settings.filename_max_length,
            )
        except DraftError as error:
            raise CommandFailedError(str(error)) from error
    await note_created(ls, vault, plan.relative, text)
    return uri, plan


def _title(command: str, value: str) -> str:
    from blog_lsp.template import blank_title_problem, clean_line

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
    "allowDuplicate": Argument(bool, "true or false"),
}


async def new_draft(ls: BlogLanguageServer, arguments: Sequence[Any]) -> str:
    options = parse_arguments(NEW_DRAFT, arguments, NEW_DRAFT_ARGUMENTS)
    title = _title(NEW_DRAFT, options["title"])
    state = _vault_state(ls, options.get("uri"), NEW_DRAFT)
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


def _selection_is(ls: BlogLanguageServer, uri: str, where: types.Range, title: str) -> bool:
    """Whether the document's current text at ``where`` is still the selected title."""
    from blog_lsp.template import clean_line

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
    where = _parse_range(command, options["range"])
    title = _title(command, options["title"])
    uri = options["uri"]
    located = ls.locate(uri)
    if located is None or located.text is None:
        raise JsonRpcInvalidParams(f"{command}: 'uri' must name a note in a vault, not {uri!r}.")
    if not _selection_is(ls, uri, where, title):
        raise CommandFailedError(
            "The selection has changed since the action was offered: select the text again."
        )
    await wait_for_index(located.state)
    vault = located.state.vault
    draft_uri, plan = await create_new_draft(
        ls, vault, title, allow_duplicate=options.get("allowDuplicate", False)
    )
    # Checked again just before the edit is built: the range must still hold the title (the
    # edit carries the version it was built for, and clients without versions trust us).
    if not _selection_is(ls, uri, where, title):
        raise CommandFailedError(
            f"The draft '{plan.relative}' was created, but the selection was not replaced by a "
            "link to it: the selection has changed meanwhile."
        )
    link = EditBuilder(ls).replace(uri, where, f"[[{plan.stem}]]")
    try:
        await apply_edit(ls, link, f"Link to the new draft '{plan.stem}'")
    except CommandFailedError as error:
        raise CommandFailedError(
            f"The draft '{plan.relative}' was created, but the selection was not replaced by "
            f"a link to it: {error.message}"
        ) from error
    await show_document(ls, draft_uri)
    return draft_uri


# -- notes for unresolved links --------------------------------------------------------------


def plan_note(vault: Vault, from_relative: str, target: str) -> Path | None:
    """Where 'Create note' puts a note for an unresolved link target, or None when there is no
    safe place for it.

    A plain name goes to the vault root (Obsidian's default for new notes); a name with a
    folder part to that folder (an existing folder however its name is cased); './' and '../'
    targets are relative to the linking note. A target that already leads to a note gets no
    other: it would take that note's links. The template module's path rules decide what is
    safe; the name is kept as written (the link must resolve to the new note), but for
    invisible format characters, which no new filename holds, so a name those rules would
    change otherwise gets no note.
    """
    from blog_lsp.names import new_name, same_name
    from blog_lsp.template import DraftError, planned_draft_path

    if vault.resolve(target, from_relative).path is not None:
        return None
    name = target.strip().replace("\\", "/")
    if name.lower().endswith(".md"):
        name = name[:-3]
    if name.startswith(("./", "../")):
        folder = from_relative.rsplit("/", 1)[0] if "/" in from_relative else ""
        name = posixpath.normpath(posixpath.join(folder, name))
        if name == ".." or name.startswith("../"):
            return None
    name = name.lstrip("/")
    folder, _, stem = name.rpartition("/")
    if not stem or any(part.startswith(".") for part in folder.split("/") if part):
        return None
    if PurePosixPath(stem).suffix.lower().lstrip(".") in ATTACHMENT_SUFFIXES:
        return None
    try:
        planned = planned_draft_path(vault.root, folder, stem, max_length=len(stem))
    except DraftError:
        return None
    if not same_name(planned.stem, stem):
        return None
    return planned.with_name(new_name(stem) + ".md")


def note_text(path: Path) -> str:
    """A new note's text: its name as the H1 heading."""
    from blog_lsp.template import heading_text

    return f"# {heading_text(path.stem)}\n"


CREATE_NOTE_ARGUMENTS = {
    "uri": Argument(str, "the URI of the note holding the link", required=True),
    "target": Argument(str, "the link's target, as text", required=True),
}


async def create_note(ls: BlogLanguageServer, arguments: Sequence[Any]) -> str:
    options = parse_arguments(CREATE_NOTE, arguments, CREATE_NOTE_ARGUMENTS)
    uri, target = options["uri"], options["target"]
    located = ls.locate(uri)
    if located is None:
        raise JsonRpcInvalidParams(
            f"{CREATE_NOTE}: 'uri' must name a note in a vault, not {uri!r}."
        )
    # The whole index, or a note that is not indexed yet could be missed and a second made.
    await wait_for_index(located.state)
    vault = located.state.vault
    resolved = vault.resolve(target, located.relative).path
    if resolved is not None:
        raise CommandFailedError(
            f"'{target}' already leads to '{resolved}': blog-lsp does not create a second note "
            "that would take its links.",
            data={"existing": ls.uri_for(vault, resolved), "path": resolved},
        )
    path = plan_note(vault, located.relative, target)
    if path is None:
        raise CommandFailedError(
            f"blog-lsp cannot create a note for '{target}': the name must be a note name that "
            "stays inside the vault, without characters a filename cannot hold."
        )
    return await create_file(ls, vault, path, note_text(path), f"Create the note '{path.stem}'")


# -- the vault dictionary --------------------------------------------------------------------

ADD_WORD_ARGUMENTS = {
    "word": Argument(str, "the word, as text", required=True),
    "uri": Argument(str, "the URI of a file in the vault"),
}


def _check_word(word: str) -> str:
    word = word.strip()
    if (
        not word
        or len(word) > LONGEST_WORD
        or word.startswith("#")
        or any(character.isspace() or not character.isprintable() for character in word)
    ):
        raise JsonRpcInvalidParams(
            f"{ADD_WORD}: 'word' must be one word (no spaces or line breaks, not starting with "
            f"'#', at most {LONGEST_WORD} characters), not {word[:40]!r}."
        )
    return word


def append_word(path: Path, word: str) -> bool:
    """Append ``word`` as a line of the word list at ``path`` (created if missing), leaving
    every other line as it is. False when the list already holds it."""
    try:
        existing = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        existing = ""
    except UnicodeDecodeError as error:
        raise CommandFailedError(
            f"The word list '{path}' is not UTF-8 text; blog-lsp will not change it."
        ) from error
    except OSError as error:
        raise CommandFailedError(f"Could not read '{path}': {error.strerror or error}.") from error
    if word.casefold() in {line.strip().casefold() for line in existing.splitlines()}:
        return False
    newline = "\r\n" if "\r\n" in existing else "\n"
    separator = newline if existing and not existing.endswith(("\n", "\r")) else ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8", newline="") as file:
            file.write(separator + word + newline)
    except OSError as error:
        raise CommandFailedError(f"Could not write '{path}': {error.strerror or error}.") from error
    return True


async def add_word(ls: BlogLanguageServer, arguments: Sequence[Any]) -> str:
    from blog_lsp.checks import word_list_paths

    options = parse_arguments(ADD_WORD, arguments, ADD_WORD_ARGUMENTS)
    word = _check_word(options["word"])
    state = _vault_state(ls, options.get("uri"), ADD_WORD)
    vault = state.vault
    path = word_list_paths(vault.root, vault.settings)[0]
    root = resolve_path(vault.root)
    if not resolve_path(path).is_relative_to(root):
        raise CommandFailedError(
            f"The vault's word list '{path}' is outside the vault {root}; "
            "blog-lsp only writes inside the vault."
        )
    if append_word(path, word):
        log.info("added %r to %s", word, path)
    # The spelling engines keep the accepted words they were built with: build them again.
    state.renew_engines()
    ls.diagnostics.schedule_all()
    return file_uri(path)


# -- showing notes ---------------------------------------------------------------------------

OPEN_NOTE_ARGUMENTS = {"uri": Argument(str, "the URI of the note", required=True)}


async def open_note(ls: BlogLanguageServer, arguments: Sequence[Any]) -> bool:
    options = parse_arguments(OPEN_NOTE, arguments, OPEN_NOTE_ARGUMENTS)
    uri = options["uri"]
    path = fs_path(uri)
    if path is None:
        raise JsonRpcInvalidParams(f"{OPEN_NOTE}: 'uri' must be a file URI, not {uri!r}.")
    located = ls.locate(uri)
    # A note an edit has just created may not be indexed yet.
    if (
        located is not None
        and located.relative.lower().endswith(".md")
        and located.relative not in located.vault.notes
        and Path(path).is_file()
    ):
        located.state.indexer.path_changed(located.relative)
        await located.state.indexer.updated()
    return await show_document(ls, uri)


# -- status ----------------------------------------------------------------------------------

STATUS_ARGUMENTS = {
    "paths": Argument(bool, "true to list every indexed path"),
    "settle": Argument(bool, "true to wait until every change asked for is indexed"),
}


async def status(ls: BlogLanguageServer, arguments: Sequence[Any]) -> dict[str, Any]:
    """What the server holds: each vault's index (sizes, whether complete, its paths on
    request), how file changes reach it, and how many times documents were checked."""
    options = parse_arguments(STATUS, arguments or [{}], STATUS_ARGUMENTS)
    if options.get("settle"):
        for state in ls.all_states():
            await state.indexer.settled()
    vaults = []
    for state in ls.all_states():
        index = state.vault.index
        entry: dict[str, Any] = {
            "root": str(state.root),
            "stray": state.stray,
            "complete": state.complete,
            "scanning": state.indexer.scanning,
            "notes": len(index.notes),
            "attachments": len(index.attachments),
            "skipped": len(index.skipped),
            # The index cache file (None when the cache is off): what to delete to clear it.
            "cache": str(cache.cache_file(state.root)) if state.vault.settings.cache else None,
        }
        if state.last_scan is not None:
            entry["lastScan"] = {
                "parsed": state.last_scan.parsed,
                "reused": state.last_scan.reused,
            }
        if options.get("paths"):
            entry["notePaths"] = sorted(index.notes)
            entry["attachmentPaths"] = sorted(index.attachments)
            entry["words"] = len(index.words)
        vaults.append(entry)
    if ls.watcher is not None:
        watching = "polling" if ls.watcher.polling else "watchfiles"
    else:
        watching = "client"
    return {"vaults": vaults, "watching": watching, "checks": ls.checks_run}


def register(server: BlogLanguageServer) -> None:
    # Arguments are taken as they come (*arguments) and checked here, so a bad call gets a
    # message that says what is wrong rather than a conversion error.

    @server.command(NEW_DRAFT)
    async def new_draft_command(ls: BlogLanguageServer, *arguments: Any) -> str:
        return await new_draft(ls, arguments)

    @server.command(NEW_DRAFT_FROM_SELECTION)
    async def new_draft_from_selection_command(ls: BlogLanguageServer, *arguments: Any) -> str:
        return await new_draft_from_selection(ls, arguments)

    @server.command(CREATE_NOTE)
    async def create_note_command(ls: BlogLanguageServer, *arguments: Any) -> str:
        return await create_note(ls, arguments)

    @server.command(ADD_WORD)
    async def add_word_command(ls: BlogLanguageServer, *arguments: Any) -> str:
        return await add_word(ls, arguments)

    @server.command(OPEN_NOTE)
    async def open_note_command(ls: BlogLanguageServer, *arguments: Any) -> bool:
        return await open_note(ls, arguments)

    @server.command(STATUS)
    async def status_command(ls: BlogLanguageServer, *arguments: Any) -> dict[str, Any]:
        return await status(ls, arguments)
