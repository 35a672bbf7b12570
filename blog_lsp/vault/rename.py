"""Planning the rename of a note or a heading, and of every link to it, without the protocol.

What renames what (anything else is refused, with a message that says why):

- A note: from a link's target ('Attention' in '[[Attention#Heading|text]]') or from the note's
  H1 when it spells the note's name. The file is renamed (never onto an existing file) and every
  link to it rewritten, keeping its alias, subpath and style: '[[Attention]]' becomes '[[New]]',
  '[[Notes/Attention]]' becomes '[[Notes/New]]', '(Attention.md)' becomes '(New.md)'. The H1
  that spells the old name is renamed with the file, and links to it as a heading follow.
  When another note elsewhere already has the new name, name-only links get the new path
  ('[[Notes/New]]'), and links that meant the other note keep meaning it.
- A heading: from the heading, or from the '#Heading' part of a link to it. The heading text
  and every '[[Note#Heading]]' (and '[[#Heading]]' inside the note) follow.

A refusal is a :class:`RenameError`; the edits are ranges in the notes' full parses.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from blog_lsp.cursor.at_position import (
    BlockAt,
    HeadingAt,
    LinkAt,
    TagAt,
    Thing,
    heading_path,
    title_heading,
)
from blog_lsp.names import name_key, new_name
from blog_lsp.text import Position, Range
from blog_lsp.vault import backlinks
from blog_lsp.vault.backlinks import NoteSource
from blog_lsp.vault.index import NOTE_SUFFIX, link_name
from blog_lsp.vault.model import BlockId, Heading, Link, Note
from blog_lsp.vault.vault import Vault, normalise_heading

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


class RenameError(Exception):
    """A rename blog-lsp will not do, with the reason shown to the writer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


class LinkTarget(Protocol):
    """Where a link leads: a note (its full parse) or an attachment (no note), and the heading
    or block its subpath names."""

    @property
    def path(self) -> str: ...

    @property
    def note(self) -> Note | None: ...

    @property
    def anchor(self) -> Heading | BlockId | None: ...


def what_to_rename(
    thing: Thing | None,
    note: Note,
    position: Position,
    follow: Callable[[Link], LinkTarget | None],
    can_rename_files: bool,
) -> NoteRename | HeadingRename:
    """What the cursor (at ``position`` in ``note``, on ``thing``) is on, as something to
    rename; ``follow`` says where a link leads. Raises RenameError otherwise."""
    if isinstance(thing, LinkAt):
        link = thing.link
        if thing.part == "alias":
            raise RenameError(
                "This is the link's display text: edit it as it is, or put the cursor on the "
                "link's target to rename the note."
            )
        if thing.part == "brackets":
            raise RenameError("Put the cursor on the link's target to rename the note.")
        target = follow(link)
        if target is None:
            raise RenameError(f"No note called '{link.target}' in the vault: nothing to rename.")
        if target.note is None:
            raise RenameError(
                f"'{target.path}' is an attachment: blog-lsp renames notes and headings."
            )
        if thing.part == "target":
            return _note_rename(can_rename_files, target.path, link.target_range, target.note.stem)
        if target.anchor is None:
            raise RenameError(f"'{target.note.stem}' has no heading '{link.subpath}'.")
        if not isinstance(target.anchor, Heading):
            raise RenameError("Block ids cannot be renamed.")
        return _heading_from_link(note, link, target.note, target.anchor, position)
    if isinstance(thing, HeadingAt):
        if thing.is_title:
            return _note_rename(can_rename_files, note.path, thing.heading.text_range, note.stem)
        if not thing.heading.text:
            raise RenameError("This heading is empty: type its text instead.")
        return HeadingRename(note, thing.heading, thing.heading.text_range, thing.heading.text)
    if isinstance(thing, TagAt):
        raise RenameError(
            "Tags cannot be renamed yet: Find All References lists every use of this one."
        )
    if isinstance(thing, BlockAt):
        raise RenameError("Block ids cannot be renamed.")
    raise RenameError(NOTHING_HERE)


def _note_rename(can_rename_files: bool, path: str, where: Range, placeholder: str) -> NoteRename:
    if not can_rename_files:
        raise RenameError(NO_FILE_RENAMES)
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
        raise RenameError("The new name is empty.")
    bad = sorted({ch for ch in name if ch in FORBIDDEN_IN_NAMES or ch in "\r\n\t"})
    if bad:
        raise RenameError(
            f"A note's name cannot hold {' '.join(repr(ch) for ch in bad)}: they are not "
            "allowed in file names or break wiki-links."
        )
    if name.startswith("."):
        raise RenameError("A note's name cannot start with '.': the file would be hidden.")
    return name


def clean_heading(new_name: str) -> str:
    text = " ".join(new_name.split())
    if not text:
        raise RenameError("The new heading is empty.")
    bad = sorted({ch for ch in text if ch in FORBIDDEN_IN_HEADINGS})
    if bad:
        raise RenameError(
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

NoteEdit = tuple[str, Range, str]  # (note path, range in its full parse, new text)


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


def note_edits(reader: NoteSource, old_path: str, name: str) -> tuple[list[NoteEdit], str]:
    """Runs in a worker thread: the text edits of a note rename, and the new path."""
    vault = reader.vault
    folder = posixpath.dirname(old_path)
    new_path = posixpath.join(folder, name + NOTE_SUFFIX) if folder else name + NOTE_SUFFIX
    if name_key(new_path) != name_key(old_path) and _exists(vault, new_path):
        raise RenameError(f"'{new_path}' already exists: choose another name.")
    others = [
        path
        for path in vault.resolve(name, old_path).candidates
        if path != old_path and path.lower().endswith(NOTE_SUFFIX)
    ]
    # Obsidian opens the shortest path a bare name matches: when that is another note, bare
    # links to the renamed note need its path.
    shortest = min([new_path, *others], key=lambda path: (len(path), path))
    qualified = new_path[: -len(NOTE_SUFFIX)] if shortest != new_path else ""
    edits: list[NoteEdit] = []
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


def heading_edits(reader: NoteSource, target: Note, heading: Heading, text: str) -> list[NoteEdit]:
    """Runs in a worker thread: the heading's text and every link to it."""
    edits: list[NoteEdit] = [(target.path, heading.text_range, text)]
    for item in backlinks.links_to_heading(reader, target, heading):
        new_text = _url_part(item.note, item.link, text) if item.link.markdown else text
        edits.extend((item.note.path, span, new_text) for span in item.spans)
    return edits


def check_heading(target: Note, heading: Heading, text: str) -> None:
    wanted = normalise_heading(text)
    for other in target.headings:
        if other is not heading and normalise_heading(other.text) == wanted:
            raise RenameError(
                f"'{target.stem}' already has a heading '{other.text}': links to either "
                "would be ambiguous."
            )


def rename_edits(
    source: NoteSource, plan: NoteRename | HeadingRename, wanted: str
) -> tuple[list[NoteEdit], str | None]:
    """Runs in a worker thread: the text edits of renaming to ``wanted`` (as the writer typed
    it), and the note's new path when its file is renamed; no edits when nothing changes."""
    if isinstance(plan, HeadingRename):
        text = clean_heading(wanted)
        if text == plan.heading.text:
            return [], None
        check_heading(plan.note, plan.heading, text)
        return heading_edits(source, plan.note, plan.heading, text), None
    name = clean_note_name(wanted)
    old_stem = posixpath.basename(plan.path)[: -len(NOTE_SUFFIX)]
    if name == old_stem:
        return [], None
    return note_edits(source, plan.path, name)
