"""Where the cursor stands, for completion: in a tag, a wiki-link, or a draft's frontmatter.

Pure functions of a document's text and the cursor's offset in it (code points): no server,
no vault. Every offset in a context is an offset in that text, and every replacement range
lies on the cursor's line.

The rules follow the parser's (``blog_lsp.vault.parse``), so that completion offers a tag
exactly where the index would find one: never in fenced code, math or comment blocks, inline
code, a heading's '#' markers, a URL or a link destination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# The parser's own block rules (fences, $$ math, %% and HTML comments): one definition of
# "in a code block" for the index and for completion.
from blog_lsp.vault.blocks import block_spans
from blog_lsp.vault.frontmatter import find_block

TAG_KEYS = frozenset({"tags", "tag"})
VALUE_KEYS = frozenset({"type", "status", "date"})

_TAG_NAME = re.compile(r"[\w/-]*")
# A '#' that may open a tag: at the start of the line or after white space or ( [ { , ;
# (the parser's _TAG_MAY_FOLLOW), with the tag's name typed so far up to the cursor.
_INLINE_TAG = re.compile(r"(?:^|(?<=[ \t(\[{,;]))#([\w/-]*)\Z")
_BACKTICKS = re.compile(r"`+")
_KEY_LINE = re.compile(r"([A-Za-z_][\w-]*(?: [\w-]+)*):(?=[ \t]|$)")
_KEY_TYPED = re.compile(r"[A-Za-z_][\w-]*")
_KEY_ANYWHERE = re.compile(r"^([A-Za-z_][\w-]*(?: [\w-]+)*):(?=[ \t]|$)", re.MULTILINE)
_TYPE_LINE = re.compile(r"^type:[ \t]*['\"]?([^'\"\n#]*)", re.MULTILINE)
_BLOCK_ITEM = re.compile(r"[ \t]*-[ \t]+")
_LIST_ITEM_TEXT = re.compile(r"[^,\[\]\s'\"]+")
_CLOSES_LATER = re.compile(r"[^\[\]]*\]\]")


TagPlace = Literal["inline", "flow", "block", "string"]


@dataclass(frozen=True, slots=True)
class TagContext:
    """A tag being typed: inline after '#', or an item of the frontmatter's `tags`."""

    typed: str  # the tag's name before the cursor, without '#'
    start: int  # where the name begins
    end: int  # where a replacement ends: past the rest of the name after the cursor
    place: TagPlace  # after '#', or in a `tags` list: [a, b], '- a' lines, or 'a, b'
    quoted: bool = False  # a frontmatter item opened with a quote: insert the name as it is
    listed: frozenset[str] = frozenset()  # other items of the same list, casefolded


@dataclass(frozen=True, slots=True)
class LinkContext:
    """A wiki-link (or embed) being typed. Replacements start just after '[[' and run to
    ``end``, so that what the client filters with is everything typed inside the link."""

    start: int  # just after '[['
    end: int  # the cursor, or past the rest of the part being edited and a ']]' after it
    embed: bool
    target: str  # typed before '#' and '|'
    subpath: str | None  # typed after the first '#', without it ('^id' for a block)
    alias: str | None  # typed after '|'
    # What an accepted item ends with: ']]', or '' when the link goes on after the
    # replacement (a '#heading' or '|alias' the writer already has).
    closing: str

    @property
    def typed(self) -> str:
        """What the client compares its items with: the text from ``start`` to the cursor."""
        text = self.target
        if self.subpath is not None:
            text += "#" + self.subpath
        if self.alias is not None:
            text += "|" + self.alias
        return text


@dataclass(frozen=True, slots=True)
class KeyContext:
    """A frontmatter line where a new key can go (empty, or a key's first letters)."""

    typed: str
    start: int
    end: int
    present: frozenset[str]  # keys already in the frontmatter
    declared_type: str | None  # the text of a `type:` line, if any


@dataclass(frozen=True, slots=True)
class ValueContext:
    """The value of a frontmatter key with known values (type, status, date)."""

    key: str
    typed: str
    start: int
    end: int


Context = TagContext | LinkContext | KeyContext | ValueContext


def detect(text: str, offset: int) -> Context | None:
    """What can be completed at ``offset`` in ``text``, or None."""
    offset = max(0, min(offset, len(text)))
    # Line breaks as '\n' only, same length: \r\n and \r end lines too.
    scan = text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text
    line_start = scan.rfind("\n", 0, offset) + 1
    line_end = scan.find("\n", offset)
    if line_end < 0:
        line_end = len(scan)
    if line_end > line_start and text[line_end - 1] == "\r":
        line_end -= 1
    line = _Line(text, line_start, line_end, offset)

    body_start = 0
    block = find_block(text)
    if block is not None:
        yaml_start, yaml_end, closing_end = block
        if yaml_end < 0:  # never closed: only the opening line is frontmatter
            body_start = yaml_start
        elif yaml_start <= line_start < yaml_end:
            return _frontmatter(scan, line, yaml_start, yaml_end)
        else:
            body_start = closing_end
        if offset < body_start:
            return None  # on a '---' line
    if in_block(scan, body_start, offset) or _in_inline_code(line.before):
        return None
    return _link(line) or _inline_tag(line)


@dataclass(frozen=True, slots=True)
class _Line:
    """The cursor's line: where it starts and ends, and its text on each side of the cursor."""

    text: str
    start: int
    end: int
    offset: int

    @property
    def before(self) -> str:
        return self.text[self.start : self.offset]

    @property
    def after(self) -> str:
        return self.text[self.offset : self.end]


# -- code --------------------------------------------------------------------------------


def in_block(scan: str, body_start: int, offset: int) -> bool:
    return any(begin <= offset <= end for begin, end in block_spans(scan, body_start, offset))


def _in_inline_code(before: str) -> bool:
    """Whether a code span is open at the cursor: a run of backticks not yet closed by a run
    of the same length (one being typed counts: the writer is inside it)."""
    open_run = 0
    for run in _BACKTICKS.finditer(before):
        length = len(run.group())
        if open_run == 0:
            open_run = length
        elif length == open_run:
            open_run = 0
    return open_run != 0


# -- wiki-links --------------------------------------------------------------------------


def _link(line: _Line) -> LinkContext | None:
    before = line.before
    opened = before.rfind("[[")
    if opened < 0:
        return None
    inner = before[opened + 2 :]
    if "[" in inner or "]" in inner:
        return None  # that link is closed, or this is not one
    target, subpath, alias = inner, None, None
    pipe = inner.find("|")
    if pipe >= 0:
        target, alias = inner[:pipe], inner[pipe + 1 :]
        stops = "[]"
    else:
        stops = "#|[]"
    hash_at = target.find("#")
    if hash_at >= 0:
        target, subpath = target[:hash_at], target[hash_at + 1 :]
        if alias is None:
            stops = "|[]"
    end, closing = _link_end(line, stops)
    return LinkContext(
        start=line.start + opened + 2,
        end=end,
        embed=opened > 0 and before[opened - 1] == "!",
        target=target,
        subpath=subpath,
        alias=alias,
        closing=closing,
    )


def _link_end(line: _Line, stops: str) -> tuple[int, str]:
    """Where a replacement ends, and what it closes the link with.

    When the link is closed later on the line (an editor's auto-paired ']]', or a link being
    edited), the replacement takes the rest of the part under the cursor, and the ']]' when
    it follows, so accepting never doubles brackets; when a '#' or '|' follows instead, the
    link goes on and the item adds nothing. An unclosed link gets its ']]'.
    """
    after = line.after
    if _CLOSES_LATER.match(after) is None:
        # A lone ']' straight after the cursor is an auto-paired bracket: replace it too.
        return line.offset + (1 if after.startswith("]") else 0), "]]"
    rest = 0
    while rest < len(after) and after[rest] not in stops:
        rest += 1
    if after.startswith("]]", rest):
        return line.offset + rest + 2, "]]"
    return line.offset + rest, ""


# -- inline tags -------------------------------------------------------------------------


def _inline_tag(line: _Line) -> TagContext | None:
    before = line.before
    match = _INLINE_TAG.search(before)
    if match is None:
        return None
    hash_at = match.start()
    if hash_at == 0 and not match.group(1):
        return None  # a '#' alone at the start of a line opens a heading more often than a tag
    if _in_destination(before[:hash_at]):
        return None
    rest = _TAG_NAME.match(line.after)
    return TagContext(
        typed=match.group(1),
        start=line.start + hash_at + 1,
        end=line.offset + (rest.end() if rest else 0),
        place="inline",
    )


def _in_destination(before: str) -> bool:
    """Whether a '#' after ``before`` is part of a URL or a link destination, not a tag."""
    if before.rfind("](") > before.rfind(")") or before.rfind("<") > before.rfind(">"):
        return True
    word = before.split()[-1] if before.strip() else ""
    return "://" in word or word.lower().startswith("www.")


# -- frontmatter -------------------------------------------------------------------------


def _frontmatter(scan: str, line: _Line, yaml_start: int, yaml_end: int) -> Context | None:
    link = _link(line)
    if link is not None:
        return link  # a link in a value, as Obsidian's properties allow
    text = line.text[line.start : line.end]
    column = line.offset - line.start
    key_line = _KEY_LINE.match(text)
    if key_line is not None and column > key_line.end() - 1:
        key = key_line.group(1)
        value_start = line.start + key_line.end()
        if key.casefold() in TAG_KEYS:
            return _tag_value(line, value_start)
        if key in VALUE_KEYS:
            return _value(line, key, value_start)
        return None
    if text[:1] in (" ", "\t", "-"):
        return _block_tag(scan, line, yaml_start, yaml_end)
    typed = _KEY_TYPED.match(text)
    word_end = typed.end() if typed else 0
    if column > word_end or text[word_end:].strip():
        return None  # not a bare key being typed
    front = scan[yaml_start:yaml_end]
    present = {
        match.group(1)
        for match in _KEY_ANYWHERE.finditer(front)
        if yaml_start + match.start() != line.start
    }
    declared = _TYPE_LINE.search(front)
    return KeyContext(
        typed=text[:column],
        start=line.start,
        end=line.start + word_end,
        present=frozenset(present),
        declared_type=declared.group(1).strip() if declared else None,
    )


def _value(line: _Line, key: str, value_start: int) -> ValueContext | None:
    typed = line.text[value_start : line.offset]
    if not typed[:1].isspace():
        return None  # 'status:' with no space yet: the value would need one
    typed = typed.lstrip()
    return ValueContext(
        key=key,
        typed=typed,
        start=line.offset - len(typed),
        end=max(line.offset, line.start + len(line.text[line.start : line.end].rstrip())),
    )


def _tag_value(line: _Line, value_start: int) -> TagContext | None:
    """An item of `tags: [a, b]` or `tags: a, b`, on the key's own line."""
    value = line.text[value_start : line.offset]
    if not value[:1].isspace():
        return None
    stripped = value.lstrip()
    if stripped.startswith("["):
        place: TagPlace = "flow"
        item = re.split(r"[,\[]", stripped)[-1].lstrip()
        if "]" in item:
            return None  # after the list's closing bracket
    else:
        place = "string"
        item = re.split(r"[,\s]", stripped)[-1]
    whole = line.text[value_start : line.end]
    return _tag_item(line, item, place, _listed(whole, value_start - line.start, line))


def _block_tag(scan: str, line: _Line, yaml_start: int, yaml_end: int) -> TagContext | None:
    """An item of a block list under `tags:`, on a '  - item' line."""
    text = line.text[line.start : line.end]
    item_start = _BLOCK_ITEM.match(text)
    if item_start is None or line.offset - line.start < item_start.end():
        return None
    owner, above = _block_list_owner(scan, line, yaml_start)
    if owner is None or owner.casefold() not in TAG_KEYS:
        return None
    below: set[str] = set()
    for following in scan[line.end : yaml_end].split("\n")[1:]:
        bullet = _BLOCK_ITEM.match(following)
        if bullet is None:
            break
        below.add(following[bullet.end() :].strip().strip("'\"").casefold())
    item = text[item_start.end() : line.offset - line.start]
    return _tag_item(line, item, "block", above | below)


def _block_list_owner(scan: str, line: _Line, yaml_start: int) -> tuple[str | None, frozenset[str]]:
    """The key a '- item' line belongs to (the nearest key line above it), and the other
    items of its list, casefolded."""
    others: set[str] = set()
    position = line.start
    while position > yaml_start:
        previous_start = scan.rfind("\n", 0, position - 1) + 1
        previous = scan[previous_start : position - 1]
        position = previous_start
        key_line = _KEY_LINE.match(previous)
        if key_line is not None:
            return key_line.group(1), frozenset(others)
        item = _BLOCK_ITEM.match(previous)
        if item is not None:
            others.add(previous[item.end() :].strip().strip("'\"").casefold())
        elif previous.strip():
            return None, frozenset()
    return None, frozenset()


def _tag_item(line: _Line, item: str, place: TagPlace, listed: frozenset[str]) -> TagContext | None:
    quoted = item[:1] in ("'", '"')
    if quoted:
        item = item[1:]
    if _TAG_NAME.fullmatch(item) is None:
        return None  # not a tag name: a '#' (a YAML comment), a space...
    rest = _TAG_NAME.match(line.after)
    return TagContext(
        typed=item,
        start=line.offset - len(item),
        end=line.offset + (rest.end() if rest else 0),
        place=place,
        quoted=quoted,
        listed=listed,
    )


def _listed(value: str, value_column: int, line: _Line) -> frozenset[str]:
    """The items written in a one-line list value, except the one under the cursor."""
    cursor = line.offset - line.start - value_column
    return frozenset(
        match.group().casefold()
        for match in _LIST_ITEM_TEXT.finditer(value)
        if not match.start() <= cursor <= match.end()
    )


# -- link text ---------------------------------------------------------------------------

# What a heading loses in a link: the characters a link cannot hold. Obsidian, and
# Vault.find_subpath (through normalise_heading), match headings without them.
_LINK_UNSAFE = str.maketrans("", "", "#^|[]:\\%")


def link_heading(text: str) -> str:
    """A heading's text as it is written after '#' in a wiki-link."""
    return " ".join(text.translate(_LINK_UNSAFE).split())
