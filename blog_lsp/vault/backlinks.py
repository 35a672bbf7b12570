"""What points at a note, a heading, a block or a tag, across the vault: for references,
rename and hover.

The index (a light parse of every note) says which notes to look at; each of those is then
parsed in full from its current text (a :class:`NoteSource` gives it: the editor's copy when
it is open), and the links are taken from that parse, so every range belongs to the text it
was found in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from blog_lsp.cursor.at_position import heading_path
from blog_lsp.text import Range
from blog_lsp.vault.index import link_name
from blog_lsp.vault.model import BlockId, Heading, Link, Note, Tag
from blog_lsp.vault.vault import Vault


class NoteSource(Protocol):
    """The full parses of the notes one request needs, from their current texts."""

    @property
    def vault(self) -> Vault: ...

    def note(self, relative: str) -> Note:
        """The full parse of a note's current text (text None when it cannot be read)."""
        ...

    def tags_of(self, relative: str) -> Note:
        """A note to take tags from (its full parse, or one as good for its tags)."""
        ...


def linking_notes(vault: Vault, path: str, *, with_own: bool = False) -> list[str]:
    """Paths of the notes with a link that may lead to ``path`` (the index keeps them by the
    name their links end with); with ``with_own``, the note itself too when it links to
    itself with '[[#...]]'."""
    found = list(vault.index.linking(path))
    own = vault.notes.get(path)
    links_itself = own is not None and any(not link.target for link in own.links)
    if with_own and links_itself and path not in found:
        found.append(path)
    return sorted(found)


def leads_to(vault: Vault, note: Note, link: Link, path: str) -> bool:
    """Whether a link in ``note`` resolves to ``path`` (the note Obsidian would open)."""
    if not link.target:
        return note.path == path
    if link_name(link.target) != link_name(path):
        return False
    return vault.resolve(link.target, note.path).path == path


# -- notes ---------------------------------------------------------------------------------


def links_to_note(reader: NoteSource, path: str) -> list[tuple[Note, Link]]:
    """Every link in the vault that leads to a note (with or without a subpath); links inside
    the note to its own headings ('[[#Heading]]') are not backlinks and are left out."""
    vault = reader.vault
    found: list[tuple[Note, Link]] = []
    for relative in linking_notes(vault, path):
        note = reader.note(relative)
        found.extend(
            (note, link) for link in note.links if link.target and leads_to(vault, note, link, path)
        )
    return found


# -- headings and blocks -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeadingLink:
    """A link to a heading, and the parts of its subpath that name the heading ('A' in
    'Note#A#B' names A), in the linking note's code points."""

    note: Note
    link: Link
    spans: tuple[Range, ...]


def links_to_heading(reader: NoteSource, target: Note, heading: Heading) -> list[HeadingLink]:
    """Every link that names ``heading`` of ``target`` (a full parse) in its subpath, from
    every note, '[[#Heading]]' in the note itself included."""
    vault = reader.vault
    found: list[HeadingLink] = []
    for relative in linking_notes(vault, target.path, with_own=True):
        note = target if relative == target.path else reader.note(relative)
        for link in note.links:
            if not link.subpath or link.is_block or link.subpath_range is None:
                continue
            if not leads_to(vault, note, link, target.path):
                continue
            spans = _heading_spans(note, link, target, heading)
            if spans:
                found.append(HeadingLink(note, link, spans))
    return found


def _heading_spans(note: Note, link: Link, target: Note, heading: Heading) -> tuple[Range, ...]:
    where = link.subpath_range
    assert where is not None and link.subpath is not None
    if link.markdown:
        # '[x](Note.md#Some%20Heading)': one part, written URL-encoded.
        walked = heading_path(target, link.subpath)
        return (where,) if walked and walked[-1][2] is heading else ()
    if note.text is None or note.lines is None or where.start.line != where.end.line:
        return ()
    start = note.lines.offset(where.start)
    raw = note.text[start : note.lines.offset(where.end)]
    walked = heading_path(target, raw) or []
    line, column = where.start.line, where.start.character
    return tuple(
        Range.on_line(line, column + begin, column + end)
        for begin, end, named in walked
        if named is heading
    )


def links_to_block(reader: NoteSource, target: Note, block: BlockId) -> list[tuple[Note, Link]]:
    vault = reader.vault
    wanted = block.id.casefold()
    found: list[tuple[Note, Link]] = []
    for relative in linking_notes(vault, target.path, with_own=True):
        note = target if relative == target.path else reader.note(relative)
        found.extend(
            (note, link)
            for link in note.links
            if link.is_block
            and link.subpath is not None
            and link.subpath[1:].strip().casefold() == wanted
            and leads_to(vault, note, link, target.path)
        )
    return found


# -- tags ----------------------------------------------------------------------------------


def same_tag(name: str, other: str) -> bool:
    """Tags match as Obsidian matches them: case-insensitive, and exactly: 'ML' is not
    'ML/attention' (a nested tag is a tag of its own)."""
    return name.casefold() == other.casefold()


def notes_with_tag(vault: Vault, name: str) -> list[str]:
    return sorted(vault.index.tags.get(name.casefold(), {}))


def tag_occurrences(reader: NoteSource, name: str) -> list[tuple[Note, Tag]]:
    """Every use of a tag in the vault, inline '#tag' and frontmatter `tags:` alike."""
    found: list[tuple[Note, Tag]] = []
    for relative in notes_with_tag(reader.vault, name):
        note = reader.tags_of(relative)
        found.extend((note, tag) for tag in note.tags if same_tag(tag.name, name))
    return found


@dataclass(frozen=True, slots=True)
class TagUse:
    notes: int  # notes that use the tag itself
    nested: dict[str, int]  # nested tags under it ('ML/attention') -> notes using each


def tag_use(vault: Vault, name: str) -> TagUse:
    """How many notes use a tag, and the nested tags under it (from the index)."""
    tags = vault.index.tags
    wanted = name.casefold()
    prefix = wanted + "/"
    nested: dict[str, set[str]] = {}
    for folded, paths in tags.items():  # tags, not notes: a few hundred
        if folded.startswith(prefix):
            for path, spelling in paths.items():
                nested.setdefault(spelling, set()).add(path)
    notes = len(tags.get(wanted, ()))
    return TagUse(notes, {tag: len(paths) for tag, paths in sorted(nested.items())})
