"""Parse a note's text into the vault model: frontmatter, headings, links, tags, block ids
and (in a full parse) the prose mask.

One pass over the lines. Obsidian's rules, not CommonMark's in full: fenced code (also inside
lists and quotes), `$$` math, `%%` comments and HTML comments are blocks; inline code, math,
HTML, URLs, link destinations, wiki-link targets, tags and block ids are not prose.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from blog_lsp.text import LineIndex, Range, split_lines
from blog_lsp.vault import frontmatter as fm
from blog_lsp.vault.model import BlockId, Heading, Link, Note, Tag

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*$")

# Inline tokens, tried left to right; the first alternative that matches at a place wins.
_INLINE = re.compile(
    r"""
    (?P<code>(?P<ticks>`+)(?:.*?[^`])??(?P=ticks)(?!`))
  | (?P<wiki>!?\[\[(?P<inner>[^\[\]\n]*?)\]\])
  | (?P<footnote>\[\^[^\]\s]+\])
  | (?P<dest>\]\((?P<url><[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)
        (?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?\))
  | (?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:|www\.)[^<>\s]*>)
  | (?P<comment><!--.*?-->|%%.*?%%)
  | (?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>)
  | (?P<bareurl>(?<![\w@])(?:https?://|ftp://|www\.)[^\s<>\[\]`]*[^\s<>\[\]`.,;:!?'")*_])
  | (?P<math>\$\$.+?\$\$|(?<![\\$\w])\$(?=\S)(?:[^$\n\\]|\\.)+?(?<=\S)\$(?![\w$]))
  | (?P<tag>(?<![^\s(\[{,;])\#(?P<tagname>[\w/-]+))
  | (?P<escape>\\[!-/:-@\[-`{-~])
    """,
    re.VERBOSE,
)
# Characters on a line that might start an inline token; lines with none skip the regex.
_INLINE_TRIGGERS = ("`", "[", "]", "<", "$", "#", "%", "\\", "http", "www.", "ftp")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_MASK = re.compile(r"[^\r\n]")


def _is_tag(name: str) -> bool:
    """Obsidian: at least one character that is not a digit, and not only punctuation."""
    return any(not ch.isdigit() and ch not in "_-/" for ch in name)


class _Scanner:
    """Collects the parts of one note; one instance per parse."""

    def __init__(self, text: str, lines: LineIndex, full: bool) -> None:
        self.text = text
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

    def scan_body(self, first_line: int, line_texts: list[str]) -> None:
        fence: tuple[str, int] | None = None  # fence character and length
        block_end: str | None = None  # "$$", "%%" or "-->" while inside such a block
        block_start = 0
        line_start = self.lines.line_start
        for number in range(first_line, len(line_texts)):
            line = line_texts[number]
            start = line_start(number)
            if fence is not None:
                match = _FENCE.match(line) if fence[0] in line else None
                if (
                    match
                    and match.group(1)[0] == fence[0]
                    and len(match.group(1)) >= fence[1]
                    and not match.group(2).strip()
                ):
                    fence = None
                    self.mask(block_start, start + len(line))
                continue
            if block_end is not None:
                if block_end in line:
                    self.mask(block_start, start + line.index(block_end) + len(block_end))
                    rest = line.index(block_end) + len(block_end)
                    block_end = None
                    self.scan_inline(number, start, line, rest)
                continue
            if "```" in line or "~~~" in line:
                match = _FENCE.match(line)
                if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                    fence = (match.group(1)[0], len(match.group(1)))
                    block_start = start
                    continue
            stripped = line.lstrip()
            opener = self._block_opener(stripped)
            if opener is not None:
                block_end = opener
                block_start = start + (len(line) - len(stripped))
                continue
            if line.startswith("#"):
                heading = _HEADING.match(line)
                if heading is not None:
                    self._heading(number, start, line, heading)
                    continue
            self.scan_inline(number, start, line, 0)
        if fence is not None or block_end is not None:
            # An unclosed block runs to the end of the note, as Obsidian renders it.
            self.mask(block_start, len(self.text))

    @staticmethod
    def _block_opener(stripped: str) -> str | None:
        for opener, closer in (("$$", "$$"), ("%%", "%%"), ("<!--", "-->")):
            if stripped.startswith(opener) and closer not in stripped[len(opener) :]:
                return closer
        return None

    def _heading(self, number: int, start: int, line: str, match: re.Match[str]) -> None:
        level = len(match.group(1))
        text = match.group(2) or ""
        text_start = match.start(2) if match.group(2) is not None else len(match.group(1))
        self.mask(start, start + text_start)
        self.headings.append(
            Heading(
                level=level,
                text=text.strip(),
                range=Range.on_line(number, 0, len(line)),
                text_range=Range.on_line(number, text_start, text_start + len(text)),
            )
        )
        if text:
            self.scan_inline(number, start, line[: text_start + len(text)], text_start)
            self.mask(start + text_start + len(text), start + len(line))

    def scan_inline(self, number: int, start: int, line: str, column: int) -> None:
        if not line or not any(trigger in line for trigger in _INLINE_TRIGGERS):
            if "^" in line:
                self._block_id(number, start, line)
            return
        for match in _INLINE.finditer(line, column):
            kind = match.lastgroup
            begin, end = match.span()
            if kind == "wiki":
                self._wiki_link(number, start, match)
            elif kind == "tag":
                name = match.group("tagname")
                if not _is_tag(name):
                    continue
                self.tags.append(Tag(name, Range.on_line(number, begin + 1, end), False))
                self.mask(start + begin, start + end)
            elif kind == "dest":
                self._markdown_link(number, start, match)
                self.mask(start + begin + 1, start + end)
            elif kind == "escape":
                continue
            else:
                self.mask(start + begin, start + end)
        if "^" in line:
            self._block_id(number, start, line)

    def _block_id(self, number: int, start: int, line: str) -> None:
        match = _BLOCK_ID.search(line)
        if match is not None:
            begin = match.start(1) - 1
            self.block_ids.append(
                BlockId(match.group(1), Range.on_line(number, begin, match.end(1)))
            )
            self.mask(start + begin, start + match.end(1))

    def _wiki_link(self, number: int, start: int, match: re.Match[str]) -> None:
        begin, end = match.span()
        inner_start = match.start("inner")
        inner = match.group("inner")
        embed = match.group("wiki").startswith("!")
        alias = alias_range = None
        pipe = inner.find("|")
        target_part = inner
        if pipe >= 0:
            target_part = inner[:pipe]
            if target_part.endswith("\\"):  # '\|' inside a table cell
                target_part = target_part[:-1]
            alias = inner[pipe + 1 :]
            alias_begin = inner_start + pipe + 1
            alias_range = Range.on_line(number, alias_begin, alias_begin + len(alias))
        hash_at = target_part.find("#")
        subpath = subpath_range = None
        target = target_part
        if hash_at >= 0:
            target = target_part[:hash_at]
            subpath = target_part[hash_at + 1 :]
            sub_begin = inner_start + hash_at + 1
            subpath_range = Range.on_line(number, sub_begin, sub_begin + len(subpath))
        stripped = target.strip()
        lead = len(target) - len(target.lstrip())
        self.links.append(
            Link(
                target=stripped,
                subpath=subpath.strip() if subpath is not None else None,
                alias=alias,
                embed=embed,
                range=Range.on_line(number, begin, end),
                target_range=Range.on_line(
                    number, inner_start + lead, inner_start + lead + len(stripped)
                ),
                subpath_range=subpath_range,
                alias_range=alias_range,
            )
        )
        if alias_range is not None and not embed:
            # The alias is what readers see: prose. The rest of the link is not.
            self.mask(start + begin, start + alias_range.start.character)
            self.mask(start + alias_range.end.character, start + end)
        else:
            self.mask(start + begin, start + end)

    def _markdown_link(self, number: int, start: int, match: re.Match[str]) -> None:
        url = match.group("url")
        url_begin = match.start("url")
        if url.startswith("<"):
            url, url_begin = url[1:-1], url_begin + 1
        if not url or _SCHEME.match(url) or url.startswith("//"):
            return
        path, _, fragment = url.partition("#")
        target = unquote(path)
        self.links.append(
            Link(
                target=target,
                subpath=unquote(fragment) if fragment else None,
                alias=None,
                embed=False,
                range=Range.on_line(number, match.start(), match.end()),
                target_range=Range.on_line(number, url_begin, url_begin + len(path)),
                subpath_range=(
                    Range.on_line(number, url_begin + len(path) + 1, url_begin + len(url))
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


def parse_note(path: str, text: str, *, full: bool = True) -> Note:
    """Parse a note. ``full`` also keeps the text and builds the prose mask (for checks)."""
    lines = LineIndex(text)
    line_texts = split_lines(text)
    scanner = _Scanner(text, lines, full)
    front = fm.parse(text, lines)
    body_line = 0
    if front is not None:
        body_line = front.range.end.line + 1 if front.closed else 1
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
    scanner.scan_body(body_line, line_texts)
    return Note(
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


def _mask_frontmatter(scanner: _Scanner, front: fm.Frontmatter, lines: LineIndex) -> None:
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
