"""Rename a note or a heading, and every link to it.

What renames what (prepareRename refuses everywhere else, with a message that says why):

- A note: from a link's target ('Attention' in '[[Attention#Heading|text]]') or from the note's
  H1 when it spells the note's name. The file is renamed (never onto an existing file) and every
  link to it rewritten, keeping its alias, subpath and style: '[[Attention]]' becomes '[[New]]',
  '[[Notes/Attention]]' becomes '[[Notes/New]]', '(Attention.md)' becomes '(New.md)'. The H1
  that spells the old name is renamed with the file, and links to it as a heading follow.
  When another note elsewhere already has the new name, name-only links get the new path
  ('[[Notes/New]]'), and links that meant the other note keep meaning it.
- A heading: from the heading, or from the '#Heading' part of a link to it. The heading text
  and every '[[Note#Heading]]' (and '[[#Heading]]' inside the note) follow.

Renaming a note needs an editor that applies file renames in workspace edits; headings can be
renamed in every editor.
"""

from __future__ import annotations

import asyncio
import logging
import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from blog_lsp.cursor.at_position import (
    BlockAt,
    HeadingAt,
    LinkAt,
    TagAt,
    heading_path,
    title_heading,
)
from blog_lsp.names import name_key, new_name
from blog_lsp.server import backlinks
from blog_lsp.server.backlinks import NoteReader
from blog_lsp.server.documents import file_uri
from blog_lsp.server.edits import EditBuilder, EditNotSupportedError
from blog_lsp.server.requests import Request, follow, never_fails, request
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.text import Position, Range
from blog_lsp.vault.index import NOTE_SUFFIX, link_name
from blog_lsp.vault.model import Heading, Link, Note
from blog_lsp.vault.vault import Vault, normalise_heading

log = logging.getLogger(__name__)

# Characters a file name cannot hold on some system, and those that break a wiki-link.
FORBIDDEN_IN_NAMES = '\\/:*?"<>|#^[]'
FORBIDDEN_IN_HEADINGS = "#^|[]"

NOTHING_HERE = (
    "Nothing to rename here: put the cursor on a link, on a heading, or on the note's H1 "
    "to rename the note."
)
NO_FILE_RENAMES = (
    "This editor cannot rename files for a language server (its workspace edits have no "
    "file rename), so blog-lsp cannot rename the note. Rename the file in the editor; "
    "headings can still be renamed here."
)


class RenameRefused(JsonRpcException):
    """A rename blog-lsp will not do, with the reason shown to the writer."""

    CODE = types.LSPErrorCodes.RequestFailed.value


@dataclass(frozen=True)
class NoteRename:
    path: str
    range: Range  # in the document the request is about
    placeholder: str


@dataclass(frozen=True)
class HeadingRename:
    note: Note  # full parse of the note holding the heading
    heading: Heading
    range: Range
    placeholder: str


def can_rename_files(ls: BlogLanguageServer) -> bool:
    return ls.supports_file_operation(types.ResourceOperationKind.Rename)


def what_to_rename(ls: BlogLanguageServer, found: Request) -> NoteRename | HeadingRename:
    """What the cursor is on, as something to rename; raises RenameRefused otherwise."""
    thing = found.thing
    note = found.note
    if isinstance(thing, LinkAt):
        link = thing.link
        if thing.part == "alias":
            raise RenameRefused(
                "This is the link's display text: edit it as it is, or put the cursor on the "
                "link's target to rename the note."
            )
        if thing.part == "brackets":
            raise RenameRefused("Put the cursor on the link's target to rename the note.")
        target = follow(ls, found.located, note, link)
        if target is None:
            raise RenameRefused(f"No note called '{link.target}' in the vault: nothing to rename.")
        if target.note is None:
            raise RenameRefused(
                f"'{target.path}' is an attachment: blog-lsp renames notes and headings."
            )
        if thing.part == "target":
            return _note_rename(ls, target.path, link.target_range, target.note.stem)
        if target.anchor is None:
            raise RenameRefused(f"'{target.note.stem}' has no heading '{link.subpath}'.")
        if not isinstance(target.anchor, Heading):
            raise RenameRefused("Block ids cannot be renamed.")
        assert found.position is not None
        return _heading_from_link(note, link, target.note, target.anchor, found.position)
    if isinstance(thing, HeadingAt):
        if thing.is_title:
            return _note_rename(ls, note.path, thing.heading.text_range, note.stem)
        if not thing.heading.text:
            raise RenameRefused("This heading is empty: type its text instead.")
        return HeadingRename(note, thing.heading, thing.heading.text_range, thing.heading.text)
    if isinstance(thing, TagAt):
        raise RenameRefused(
            "Tags cannot be renamed yet: Find All References lists every use of this one."
        )
    if isinstance(thing, BlockAt):
        raise RenameRefused("Block ids cannot be renamed.")
    raise RenameRefused(NOTHING_HERE)


def _note_rename(ls: BlogLanguageServer, path: str, where: Range, placeholder: str) -> NoteRename:
    if not can_rename_files(ls):
        raise RenameRefused(NO_FILE_RENAMES)
    return NoteRename(path, where, placeholder)


def _heading_from_link(
    note: Note, link: Link, target: Note, anchor: Heading, position: Position
) -> HeadingRename:
    """The heading named by the part of a link's subpath under the cursor ('A' or 'B' in
    '[[Note#A#B]]')."""
    where = link.subpath_range
    assert where is not None and link.subpath is not None
    if not link.markdown and note.text is not None and note.lines is not None:
        raw = note.text[note.lines.offset(where.start) : note.lines.offset(where.end)]
        for begin, end, heading in heading_path(target, raw) or []:
            part = Range.on_line(
                where.start.line, where.start.character + begin, where.start.character + end
            )
            if part.contains(position):
                return HeadingRename(target, heading, part, heading.text)
    return HeadingRename(target, anchor, where, anchor.text)


# -- new names -----------------------------------------------------------------------------


def clean_note_name(wanted: str) -> str:
    """The new name of a note: as typed, but for invisible format characters (bidi overrides,
    zero-width spaces), which no filename blog-lsp writes holds, and composed (NFC)."""
    name = new_name(wanted).strip()
    if name.lower().endswith(NOTE_SUFFIX):
        name = name[: -len(NOTE_SUFFIX)].rstrip()
    if not name:
        raise RenameRefused("The new name is empty.")
    bad = sorted({ch for ch in name if ch in FORBIDDEN_IN_NAMES or ch in "\r\n\t"})
    if bad:
        raise RenameRefused(
            f"A note's name cannot hold {' '.join(repr(ch) for ch in bad)}: they are not "
            "allowed in file names or break wiki-links."
        )
    if name.startswith("."):
        raise RenameRefused("A note's name cannot start with '.': the file would be hidden.")
    return name


def clean_heading(new_name: str) -> str:
    text = " ".join(new_name.split())
    if not text:
        raise RenameRefused("The new heading is empty.")
    bad = sorted({ch for ch in text if ch in FORBIDDEN_IN_HEADINGS})
    if bad:
        raise RenameRefused(
            f"A heading that links point to cannot hold {' '.join(repr(ch) for ch in bad)}."
        )
    return text


def _exists(vault: Vault, relative: str) -> bool:
    """Whether a note, attachment or file has this path, but for case and Unicode form."""
    from blog_lsp.drafting.files import existing_file

    wanted = name_key(relative)
    return (
        any(name_key(path) == wanted for path in list(vault.notes))
        or any(name_key(path) == wanted for path in list(vault.attachments))
        or existing_file(vault.root / relative) is not None
    )


# -- the edits -----------------------------------------------------------------------------

Edit = tuple[str, Range, str]  # (note path, range in its full parse, new text)


def _raw(note: Note, where: Range) -> str:
    assert note.text is not None and note.lines is not None
    return note.text[note.lines.offset(where.start) : note.lines.offset(where.end)]


def _in_angle_brackets(note: Note, link: Link) -> bool:
    """'[x](<Some Note.md>)': spaces are written as they are, not %20."""
    assert note.text is not None and note.lines is not None
    start = note.lines.offset(link.target_range.start)
    return start > 0 and note.text[start - 1] == "<"


def _url_part(note: Note, link: Link, text: str) -> str:
    return text if _in_angle_brackets(note, link) else quote(text, safe="")


def _new_target(note: Note, link: Link, name: str, qualified: str) -> str:
    """A link's target, renamed: only its last part changes, so that relative and partial
    paths keep their form; ``qualified`` (a path) replaces a bare name when the bare name
    would lead elsewhere."""
    head, slash, last = _raw(note, link.target_range).rpartition("/")
    suffix = last[-len(NOTE_SUFFIX) :] if last.lower().endswith(NOTE_SUFFIX) else ""
    if link.markdown:
        return head + slash + _url_part(note, link, name + suffix)
    if not slash and qualified:
        return qualified + suffix
    return head + slash + name + suffix


def _would_lead_to(target: str, path: str) -> bool:
    """Whether a (non-relative) link target names ``path`` by Obsidian's rules."""
    base = name_key(target.strip().replace("\\", "/").lstrip("/"))
    if base.endswith(NOTE_SUFFIX):
        base = base[: -len(NOTE_SUFFIX)]
    lowered = name_key(path)[: -len(NOTE_SUFFIX)]
    if "/" not in base:
        return lowered.rsplit("/", 1)[-1] == base
    return lowered == base or lowered.endswith("/" + base)


def note_edits(reader: NoteReader, old_path: str, name: str) -> tuple[list[Edit], str]:
    """Runs in a worker thread: the text edits of a note rename, and the new path."""
    vault = reader.vault
    folder = posixpath.dirname(old_path)
    new_path = posixpath.join(folder, name + NOTE_SUFFIX) if folder else name + NOTE_SUFFIX
    if name_key(new_path) != name_key(old_path) and _exists(vault, new_path):
        raise RenameRefused(f"'{new_path}' already exists: choose another name.")
    others = [
        path
        for path in vault.resolve(name, old_path).candidates
        if path != old_path and path.lower().endswith(NOTE_SUFFIX)
    ]
    # Obsidian opens the shortest path a bare name matches: when that is another note, bare
    # links to the renamed note need its path.
    shortest = min([new_path, *others], key=lambda path: (len(path), path))
    qualified = new_path[: -len(NOTE_SUFFIX)] if shortest != new_path else ""
    edits: list[Edit] = []
    for note, link in backlinks.links_to_note(reader, old_path):
        edits.append((note.path, link.target_range, _new_target(note, link, name, qualified)))

    target = reader.note(old_path)
    title = title_heading(target) if target.text is not None else None
    if title is not None:
        edits.extend(heading_edits(reader, target, title, name))

    # Links that mean another note called `name` and would lead to the renamed one.
    wanted = name_key(name)
    for path in sorted(vault.index.linked.get(wanted, ())):  # notes with links ending so
        full = reader.note(path)
        for link in full.links:
            if not link.target or link_name(link.target) != wanted:
                continue
            if link.target.startswith(("./", "../")):
                continue  # a relative path names one file: it cannot change meaning
            resolution = vault.resolve(link.target, full.path)
            meant = resolution.path
            if meant is None or meant == old_path or not _would_lead_to(link.target, new_path):
                continue
            after = min([new_path, *resolution.candidates], key=lambda p: (len(p), p))
            if after == new_path:
                edits.append((full.path, link.target_range, _keep_meaning(full, link, meant)))
    return edits, new_path


def _keep_meaning(note: Note, link: Link, meant: str) -> str:
    """The target that keeps leading to ``meant``: its path, in the link's form."""
    raw = _raw(note, link.target_range)
    path = meant if raw.lower().endswith(NOTE_SUFFIX) else meant[: -len(NOTE_SUFFIX)]
    return _url_part(note, link, path) if link.markdown else path


def heading_edits(reader: NoteReader, target: Note, heading: Heading, text: str) -> list[Edit]:
    """Runs in a worker thread: the heading's text and every link to it."""
    edits: list[Edit] = [(target.path, heading.text_range, text)]
    for item in backlinks.links_to_heading(reader, target, heading):
        new_text = _url_part(item.note, item.link, text) if item.link.markdown else text
        edits.extend((item.note.path, span, new_text) for span in item.spans)
    return edits


def _check_heading(target: Note, heading: Heading, text: str) -> None:
    wanted = normalise_heading(text)
    for other in target.headings:
        if other is not heading and normalise_heading(other.text) == wanted:
            raise RenameRefused(
                f"'{target.stem}' already has a heading '{other.text}': links to either "
                "would be ambiguous."
            )


def _client_edits(
    ls: BlogLanguageServer, reader: NoteReader, edits: list[Edit]
) -> list[tuple[str, types.Range, str]]:
    """Runs in a worker thread: the edits with client ranges, sorted, without duplicates."""
    result: list[tuple[str, types.Range, str]] = []
    seen: set[tuple[str, Range]] = set()
    for path, where, new_text in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if (path, where) in seen:
            continue
        seen.add((path, where))
        note = reader.note(path)
        if note.text is None:
            continue
        result.append((reader.uri(path), ls.to_client_range(note, where), new_text))
    return result


def _compute(
    ls: BlogLanguageServer, reader: NoteReader, plan: NoteRename | HeadingRename, new_name: str
) -> tuple[list[tuple[str, types.Range, str]], tuple[str, str] | None]:
    """Runs in a worker thread: the text edits and the file rename (old URI, new URI)."""
    if isinstance(plan, HeadingRename):
        text = clean_heading(new_name)
        if text == plan.heading.text:
            return [], None
        _check_heading(plan.note, plan.heading, text)
        reader.use(plan.note)
        return _client_edits(ls, reader, heading_edits(reader, plan.note, plan.heading, text)), None
    name = clean_note_name(new_name)
    old_stem = posixpath.basename(plan.path)[: -len(NOTE_SUFFIX)]
    if name == old_stem:
        return [], None
    edits, new_path = note_edits(reader, plan.path, name)
    new_uri = file_uri(reader.vault.root / new_path)
    return _client_edits(ls, reader, edits), (reader.uri(plan.path), new_uri)


# -- handlers ------------------------------------------------------------------------------


def prepare_rename(
    ls: BlogLanguageServer, params: types.PrepareRenameParams
) -> types.PrepareRenamePlaceholder | None:
    found = request(ls, params.text_document.uri, params.position)
    if found is None or found.position is None:
        return None
    plan = what_to_rename(ls, found)
    return types.PrepareRenamePlaceholder(
        range=ls.to_client_range(found.note, plan.range), placeholder=plan.placeholder
    )


async def rename(ls: BlogLanguageServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    found = request(ls, params.text_document.uri, params.position)
    if found is None or found.position is None:
        return None
    plan = what_to_rename(ls, found)
    reader = NoteReader.capture(ls, found.located.vault)
    reader.use(found.note)
    loop = asyncio.get_running_loop()
    edits, file_rename = await loop.run_in_executor(
        ls.executor, _compute, ls, reader, plan, params.new_name
    )
    builder = EditBuilder(ls)
    # Text edits first, on the old URIs; the file is renamed last.
    for uri, where, new_text in edits:
        builder.replace(uri, where, new_text)
    if file_rename is not None:
        builder.rename_file(*file_rename)
    try:
        return builder.build()
    except EditNotSupportedError as error:
        raise RenameRefused(NO_FILE_RENAMES) from error


def register(server: BlogLanguageServer) -> None:
    server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)(never_fails(prepare_rename))
    server.feature(types.TEXT_DOCUMENT_RENAME)(never_fails(rename))
