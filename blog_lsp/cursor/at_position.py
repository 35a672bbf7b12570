"""What is at a position in a note: a link (and which part of it), a tag, a heading, a block id
or the frontmatter title. Pure: works on the vault model in code points, knows nothing of LSP.

Shared by the server's navigation features (definition, references, hover, rename);
completion and code actions may use it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from blog_lsp.text import Position, Range
from blog_lsp.vault.model import BlockId, FrontmatterField, Heading, Link, Note, Tag
from blog_lsp.vault.vault import normalise_heading

LinkPart = Literal["target", "subpath", "alias", "brackets"]


@dataclass(frozen=True, slots=True)
class LinkAt:
    link: Link
    # Which part the position is on; "brackets" for '[[', ']]', '|' or '#' themselves.
    part: LinkPart


@dataclass(frozen=True, slots=True)
class TagAt:
    tag: Tag

    @property
    def range(self) -> Range:
        """The tag with its '#' (inline tags), as the writer sees it."""
        start = self.tag.range.start
        if self.tag.in_frontmatter or start.character == 0:
            return self.tag.range
        return Range(Position(start.line, start.character - 1), self.tag.range.end)


@dataclass(frozen=True, slots=True)
class HeadingAt:
    heading: Heading
    # True for the note's first H1 when it spells the note's name: it stands for the note.
    is_title: bool


@dataclass(frozen=True, slots=True)
class BlockAt:
    block: BlockId


@dataclass(frozen=True, slots=True)
class TitleAt:
    """The value of the frontmatter `title:` field."""

    field: FrontmatterField


Thing = LinkAt | TagAt | HeadingAt | BlockAt | TitleAt


def title_heading(note: Note) -> Heading | None:
    """The note's first H1 when its text is the note's name (`# Attention` in Attention.md)."""
    first = next((heading for heading in note.headings if heading.level == 1), None)
    if first is not None and normalise_heading(first.text) == normalise_heading(note.stem):
        return first
    return None


def thing_at(note: Note, position: Position) -> Thing | None:
    """The most specific thing at a position: a link inside a heading wins over the heading."""
    for link in note.links:
        if link.range.contains(position):
            return LinkAt(link, _link_part(link, position))
    for tag in note.tags:
        found = TagAt(tag)
        if found.range.contains(position):
            return found
    for block in note.block_ids:
        if block.range.contains(position):
            return BlockAt(block)
    title = title_heading(note)
    for heading in note.headings:
        if heading.range.contains(position):
            return HeadingAt(heading, heading is title)
    if note.frontmatter is not None:
        field = note.frontmatter.fields.get("title")
        if field is not None and field.style is not None and field.value_range.contains(position):
            return TitleAt(field)
    return None


def _link_part(link: Link, position: Position) -> LinkPart:
    # The target's range ends where '#' or '|' starts: the cursor just after 'Note' in
    # '[[Note#Heading]]' is on the target.
    if link.target and link.target_range.contains(position):
        return "target"
    if link.subpath_range is not None and link.subpath_range.contains(position):
        return "subpath"
    if link.alias_range is not None and link.alias_range.contains(position):
        return "alias"
    return "brackets"


def subpath_components(raw: str) -> list[tuple[int, int, str]]:
    """The '#'-separated parts of a heading subpath as (start, end, text) in ``raw``, the
    subpath as written (after the first '#'), skipping empty parts as Obsidian does."""
    parts: list[tuple[int, int, str]] = []
    start = 0
    for piece in raw.split("#"):
        stripped = piece.strip()
        if stripped:
            lead = start + len(piece) - len(piece.lstrip())
            parts.append((lead, lead + len(stripped), stripped))
        start += len(piece) + 1
    return parts


def heading_path(note: Note, raw: str) -> list[tuple[int, int, Heading]] | None:
    """Each part of a heading subpath with the heading it names, as Vault.find_subpath walks
    them (each part is looked for after the previous one), or None when a part is missing."""
    found: list[tuple[int, int, Heading]] = []
    start = 0
    for begin, end, text in subpath_components(raw):
        wanted = normalise_heading(text)
        for index in range(start, len(note.headings)):
            if normalise_heading(note.headings[index].text) == wanted:
                found.append((begin, end, note.headings[index]))
                start = index + 1
                break
        else:
            return None
    return found
