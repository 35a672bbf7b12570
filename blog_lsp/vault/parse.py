"""Parse a note's text into the vault model: frontmatter, headings, links, tags, block ids
and (in a full parse) the prose mask.

One pass over the lines. Obsidian's rules, not CommonMark's in full: fenced code (also inside
lists and quotes), `$$` math, `%%` comments and HTML comments are blocks; inline code, math,
HTML tags (also over several lines) and the text of HTML code elements, entities, URLs, link
destinations and reference labels, wiki-link targets, tags, callout markers and block ids are
not prose; nor are indented code blocks, though links and tags in them are still read.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from blog_lsp.text import LineIndex, Range
from blog_lsp.vault import frontmatter as fm
from blog_lsp.vault.blocks import (
    INDENTED_AFTER_BLANK,
    block_spans,
    indented_at,
    indented_code,
    raw_html,
)
from blog_lsp.vault.model import BlockId, Frontmatter, Heading, Link, Note, Tag

_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+([^\n]*?))??(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*$", re.MULTILINE)

# Inline tokens, tried left to right; the first alternative that matches at a place wins.
# Every alternative starts with a literal character, so that the regex engine skips straight
# to the places where a token can start (several times faster than trying each alternative at
# every character). Each alternative's last group names its kind (``match.lastgroup``); what
# must come before a token (white space before a tag...) is checked in Python.
_INLINE = re.compile(
    r"""
    `(?P<ticks>`*)(?P<code>(?:[^\n]*?[^`\n])??)(?P=ticks)`(?!`)
  | !\[\[(?P<embed>[^\[\]\n]*?)\]\]
  | \[\[(?P<wiki>[^\[\]\n]*?)\]\]
  | \[\^(?P<footnote>[^\]\s]+)\]
  | \]\((?P<url><[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)
        (?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?\)
  | <(?P<autolink>(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:|www\.)[^<>\s]*)>
  | <!--(?P<comment>[^\n]*?)-->
  | %%(?P<hidden>[^\n]*?)%%
  | <(?P<html>/?[A-Za-z][A-Za-z0-9-]*(?:\s(?:[^<>\n]|\n(?![ \t]*\n))*)?/?)>
  | h(?P<http>ttps?://[^\s<>\[\]`]*[^\s<>\[\]`.,;:!?'")*_])
  | f(?P<ftp>tp://[^\s<>\[\]`]*[^\s<>\[\]`.,;:!?'")*_])
  | w(?P<www>ww\.[^\s<>\[\]`]*[^\s<>\[\]`.,;:!?'")*_])
  | \](?P<reference>\[[^\[\]\n]*\])
  | &(?P<entity>\#?[A-Za-z0-9]{2,31};)
  | \$(?P<math>\$[^\n]+?\$\$|(?=\S)(?:[^$\n\\]|\\.)+?(?<=\S)\$(?![\w$]))
  | \#(?P<tag>[\w/-]+)
  | \\(?P<escape>[!-/:-@\[-`{-~])
    """,
    re.VERBOSE,
)
_URL_KINDS = frozenset({"http", "ftp", "www"})
# A reference definition, `[label]: destination "title"`, is no prose at all; a footnote
# definition, `[^1]: text`, is prose after its label.
_REFERENCE_DEFINITION = re.compile(
    r"""^[ ]{0,3}\[(?!\^)[^\[\]\n]+\]:[ \t]*(?:<[^>\n]*>|\S+)"""
    r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$""",
    re.MULTILINE,
)
# The type of an Obsidian callout, `> [!note] Title`: the title is prose, the type is not.
_CALLOUT = re.compile(r"^[ \t]*(?:>[ \t]*)+(\[![^\]\n]*\][+-]?)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_MASK = re.compile(r"[^\r\n]")
_TAG_MAY_FOLLOW = frozenset(" \t\n\r([{,;")


# A URL or $math$ straight after a letter is part of a word (foo$bar$, xhttp://), not a token.
_GLUE_CHARACTERS = {"http": "_@", "ftp": "_@", "www": "_@", "math": "\\$"}


def _glued(kind: str | None, text: str, begin: int) -> bool:
    extra = _GLUE_CHARACTERS.get(kind or "")
    if extra is None or begin == 0:
        return False
    before = text[begin - 1]
    return before.isalnum() or before in extra


def _is_tag(name: str) -> bool:
    """Obsidian: at least one character that is not a digit, and not only punctuation."""
    return any(not ch.isdigit() and ch not in "_-/" for ch in name)


class _Scanner:
    """Collects the parts of one note; one instance per parse.

    Scans the whole text with a few regexes rather than line by line: first the blocks (code,
    math, comments), then headings, inline tokens and block ids in the gaps between them.
    """

    def __init__(self, text: str, lines: LineIndex, full: bool) -> None:
        self.text = text
        # MULTILINE '^' and '$' know only '\n': scan a copy with the same offsets.
        self.scan_text = text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text
        self.lines = lines
        self.full = full
        self.headings: list[Heading] = []
        self.block_ids: list[BlockId] = []
        self.links: list[Link] = []
        self.tags: list[Tag] = []
        self.masked: list[tuple[int, int]] = []  # absolute offsets that are not prose

    def mask(self, start: int, end: int) -> None:
        if self.full and end > start:
            self.masked.append((start, end))

    def range(self, start: int, end: int) -> Range:
        return self.lines.range(start, end)

    def scan_body(self, body_start: int) -> None:
        position = body_start
        for block_start, block_end in block_spans(self.scan_text, body_start):
            self._scan_gap(position, block_start)
            self.mask(block_start, block_end)
            position = block_end
        self._scan_gap(position, len(self.text))

    def _scan_gap(self, start: int, end: int) -> None:
        if end <= start:
            return
        text = self.scan_text
        if self.full:
            self._mask_non_prose_lines(start, end)
        for heading in _HEADING.finditer(text, start, end):
            self._heading(heading)
        if "^" in text[start:end]:
            for block in _BLOCK_ID.finditer(text, start, end):
                begin = block.start(1) - 1
                self.block_ids.append(BlockId(block.group(1), self.range(begin, block.end(1))))
                self.mask(begin, block.end(1))
        for match in _INLINE.finditer(text, start, end):
            kind = match.lastgroup
            begin, finish = match.span()
            if kind == "wiki" or kind == "embed":
                self._wiki_link(match, kind)
            elif kind == "tag":
                name = match.group("tag")
                if (begin > 0 and text[begin - 1] not in _TAG_MAY_FOLLOW) or not _is_tag(name):
                    continue
                self.tags.append(Tag(name, self.range(begin + 1, finish), False))
                self.mask(begin, finish)
            elif kind == "url":
                self._markdown_link(match)
                # "](" stays, so that the spelling engine knows link text (a cited title).
                self.mask(begin + 2, finish)
            elif kind == "reference":
                self.mask(begin + 1, finish)
            elif kind == "escape" or _glued(kind, text, begin):
                continue
            else:
                self.mask(begin, finish)

    def _mask_non_prose_lines(self, start: int, end: int) -> None:
        """Mask what is not prose though no inline token shows it: reference definitions,
        callout types, indented code blocks and the text of HTML code elements."""
        text = self.scan_text
        if text.find("]:", start, end) >= 0:
            for match in _REFERENCE_DEFINITION.finditer(text, start, end):
                self.mask(*match.span())
        if text.find("[!", start, end) >= 0:
            for match in _CALLOUT.finditer(text, start, end):
                self.mask(*match.span(1))
        if INDENTED_AFTER_BLANK.search(text, max(start - 1, 0), end) or indented_at(text, start):
            for block in indented_code(text, start, end):
                self.mask(*block)
        if text.find("<", start, end) >= 0:
            for block in raw_html(text, start, end):
                self.mask(*block)

    def _heading(self, match: re.Match[str]) -> None:
        text = match.group(2) or ""
        text_start = match.start(2) if match.group(2) is not None else match.end(1)
        self.mask(match.start(), text_start)
        self.mask(text_start + len(text), match.end())
        self.headings.append(
            Heading(
                level=len(match.group(1)),
                text=text.strip(),
                range=self.range(match.start(), match.end()),
                text_range=self.range(text_start, text_start + len(text)),
            )
        )

    def _wiki_link(self, match: re.Match[str], kind: str) -> None:
        begin, end = match.span()
        inner_start = match.start(kind)
        inner = match.group(kind)
        embed = kind == "embed"
        alias = alias_range = None
        pipe = inner.find("|")
        target_part = inner
        alias_begin = -1
        if pipe >= 0:
            target_part = inner[:pipe]
            if target_part.endswith("\\"):  # '\|' inside a table cell
                target_part = target_part[:-1]
            alias = inner[pipe + 1 :]
            alias_begin = inner_start + pipe + 1
            alias_range = self.range(alias_begin, alias_begin + len(alias))
        hash_at = target_part.find("#")
        subpath = subpath_range = None
        target = target_part
        if hash_at >= 0:
            target = target_part[:hash_at]
            subpath = target_part[hash_at + 1 :]
            sub_begin = inner_start + hash_at + 1
            subpath_range = self.range(sub_begin, sub_begin + len(subpath))
        stripped = target.strip()
        lead = inner_start + len(target) - len(target.lstrip())
        self.links.append(
            Link(
                target=stripped,
                subpath=subpath.strip() if subpath is not None else None,
                alias=alias,
                embed=embed,
                range=self.range(begin, end),
                target_range=self.range(lead, lead + len(stripped)),
                subpath_range=subpath_range,
                alias_range=alias_range,
            )
        )
        if alias is not None and not embed:
            # The alias is what readers see: prose. The rest of the link is not.
            self.mask(begin, alias_begin)
            self.mask(alias_begin + len(alias), end)
        else:
            self.mask(begin, end)

    def _markdown_link(self, match: re.Match[str]) -> None:
        url = match.group("url")
        url_begin = match.start("url")
        if url.startswith("<"):
            url, url_begin = url[1:-1], url_begin + 1
        if not url or _SCHEME.match(url) or url.startswith("//"):
            return
        path, _, fragment = url.partition("#")
        self.links.append(
            Link(
                target=unquote(path),
                subpath=unquote(fragment) if fragment else None,
                alias=None,
                embed=False,
                range=self.range(match.start(), match.end()),
                target_range=self.range(url_begin, url_begin + len(path)),
                subpath_range=(
                    self.range(url_begin + len(path) + 1, url_begin + len(url))
                    if fragment
                    else None
                ),
                alias_range=None,
                markdown=True,
            )
        )

    def prose(self) -> str:
        """The text with every masked span blanked out (line breaks kept), same length."""
        text = self.text
        pieces: list[str] = []
        position = 0
        for begin, end in sorted(self.masked):
            if end <= position:
                continue
            begin = max(begin, position)
            pieces.append(text[position:begin])
            pieces.append(_MASK.sub(" ", text[begin:end]))
            position = end
        pieces.append(text[position:])
        return "".join(pieces)

    def pieces(self) -> tuple[str, str, bool]:
        """The prose alone, and the rest (what is masked), each as its pieces one a line:
        not the same length as the text (no offsets), and cheaper than :meth:`prose`, for
        what a note's words are rather than where. And whether a word may run across a
        piece's edge (a letter or an apostrophe on both sides: '#tagdon't'), when words
        must be read from the whole text instead."""
        text = self.text
        prose: list[str] = []
        other: list[str] = []
        position = 0
        joined = False
        for begin, end in sorted(self.masked):
            if end <= position:
                continue
            if begin > position:
                prose.append(text[position:begin])
                joined = joined or _joins(text, begin)
            other.append(text[max(begin, position) : end])
            position = end
            joined = joined or _joins(text, end)
        prose.append(text[position:])
        return "\n".join(prose), "\n".join(other), joined


def _joins(text: str, at: int) -> bool:
    """Whether the characters either side of ``at`` may belong to one word."""
    if at <= 0 or at >= len(text):
        return False
    before, after = text[at - 1], text[at]
    return (before.isalpha() or before == "'") and (after.isalpha() or after == "'")


def parse_note(path: str, text: str, *, full: bool = True) -> Note:
    """Parse a note. ``full`` also keeps the text and builds the prose mask (for checks)."""
    return _parse(path, text, full)[0]


def parse_note_prose(path: str, text: str) -> tuple[Note, str, str, bool]:
    """The light parse of a note (what the index keeps), its prose and the rest of its text,
    as :meth:`_Scanner.pieces` gives them (what the relevance engine weighs)."""
    note, scanner = _parse(path, text, False, masks=True)
    return (note, *scanner.pieces())


def _parse(path: str, text: str, full: bool, *, masks: bool = False) -> tuple[Note, _Scanner]:
    lines = LineIndex(text)
    scanner = _Scanner(text, lines, full or masks)
    front = fm.parse(text, lines)
    body_start = 0
    if front is not None:
        body_line = front.range.end.line + 1 if front.closed else 1
        body_start = lines.line_start(min(body_line, lines.line_count - 1))
        if body_line >= lines.line_count:
            body_start = len(text)
        _mask_frontmatter(scanner, front, lines)
        tag_field = front.fields.get("tags") or front.fields.get("tag")
        for name, where in fm.string_items(tag_field):
            name = name.lstrip("#")
            if name and _is_tag(name):
                scanner.tags.append(Tag(name, where, True))
        aliases = fm.alias_items(front.fields.get("aliases") or front.fields.get("alias"))
    else:
        aliases = []
        if text.startswith("\ufeff"):
            scanner.mask(0, 1)
    scanner.scan_body(body_start)
    note = Note(
        path=path,
        frontmatter=front,
        headings=scanner.headings,
        block_ids=scanner.block_ids,
        links=scanner.links,
        tags=scanner.tags,
        aliases=aliases,
        text=text if full else None,
        prose=scanner.prose() if full else None,
        lines=lines if full else None,
    )
    return note, scanner


def _mask_frontmatter(scanner: _Scanner, front: Frontmatter, lines: LineIndex) -> None:
    """Frontmatter is not prose, except the values of `title` and `description`."""
    if not front.closed:
        scanner.mask(0, lines.line_end(0))
        return
    end = lines.offset(front.range.end)
    position = 0
    for key in ("title", "description"):
        found = front.fields.get(key)
        if found is None or found.style is None or not isinstance(found.value, str):
            continue
        begin, finish = lines.offset(found.value_range.start), lines.offset(found.value_range.end)
        if begin < position:
            continue
        scanner.mask(position, begin)
        position = finish
    scanner.mask(position, end)
