"""What the vault model knows about a note: plain data, no behaviour beyond lookups.

The small parts (headings, links, tags, fields) are msgspec structs: a vault of ten thousand
notes holds about a million of them, and a struct is made several times faster than a frozen
dataclass, by the parser and when the index cache is read (in C, checked against these very
types)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec

from blog_lsp.text import LineIndex, Range

NOTE_SUFFIX = ".md"  # what makes a file a note


class FrontmatterField(msgspec.Struct, frozen=True, array_like=True):
    """One top-level frontmatter key with the ranges of the key and of its value."""

    key: str
    key_range: Range
    value: Any
    value_range: Range
    # The YAML style of a scalar value: "" plain, "'" or '"' quoted, "|" or ">" block;
    # None for lists and mappings.
    style: str | None
    # For list values: each item's text and range (empty for scalars).
    items: tuple[tuple[str, Range], ...] = ()


@dataclass(frozen=True, slots=True)
class Frontmatter:
    """The YAML block between the opening and closing '---' lines."""

    range: Range  # from the opening '---' to the end of the closing one
    fields: dict[str, FrontmatterField]
    # Set when the YAML could not be parsed: a message and where the parser stopped.
    error: str | None = None
    error_range: Range | None = None
    # False when the opening '---' has no closing line: then the rest is body text.
    closed: bool = True

    def get(self, key: str) -> Any:
        found = self.fields.get(key)
        return None if found is None else found.value


class Heading(msgspec.Struct, frozen=True, array_like=True, gc=False):
    level: int
    text: str
    range: Range  # the whole heading line
    text_range: Range  # just the text after the '#' markers


class BlockId(msgspec.Struct, frozen=True, array_like=True, gc=False):
    id: str
    range: Range  # the '^id' marker


class Link(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A wiki-link or embed: ``[[target#Heading|alias]]``, ``![[target#^block]]``.

    ``target`` is the note part (may be empty for ``[[#Heading]]``), ``subpath`` the part after
    the first '#' without it (a heading path, or '^block'), ``alias`` the display text.
    """

    target: str
    subpath: str | None
    alias: str | None
    embed: bool
    range: Range  # from '[[' (or '![[') to ']]'
    target_range: Range
    subpath_range: Range | None
    alias_range: Range | None
    # True for a Markdown link to a vault file: [text](Some%20Note.md#Heading)
    markdown: bool = False

    @property
    def is_block(self) -> bool:
        return self.subpath is not None and self.subpath.startswith("^")


class Tag(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A tag, without '#'. ``in_frontmatter`` tells a `tags:` entry from an inline '#tag'."""

    name: str
    range: Range  # the name only, without '#'
    in_frontmatter: bool


@dataclass(slots=True)
class Note:
    """A parsed note. ``path`` is relative to the vault root, with '/' separators."""

    path: str
    frontmatter: Frontmatter | None
    headings: list[Heading]
    block_ids: list[BlockId]
    links: list[Link]
    tags: list[Tag]
    aliases: list[str]
    # Set by the full parse only (not kept in the vault index, to save memory):
    text: str | None = None
    prose: str | None = None  # same length as text, non-prose characters replaced by spaces
    lines: LineIndex | None = field(default=None, repr=False)
    # Why the note could not be parsed (not UTF-8, too large...): (rule code, message)
    problem: tuple[str, str] | None = None

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name[: -len(NOTE_SUFFIX)] if name.lower().endswith(NOTE_SUFFIX) else name

    @property
    def folder(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""

    @property
    def title(self) -> str:
        """The frontmatter title when it is text, else the filename."""
        if self.frontmatter is not None:
            title = self.frontmatter.get("title")
            if isinstance(title, str) and title.strip():
                return title.strip()
        return self.stem

    def frontmatter_value(self, key: str) -> Any:
        return None if self.frontmatter is None else self.frontmatter.get(key)
