"""Navigation: go to definition, find references, hover, document links; document and
workspace symbols (symbols.py) and rename (rename.py) are registered from here too.

Choices (worth a line in the README):

- Definition of a link to a note goes to the top of the note; with '#Heading' to the heading,
  with '#^block' to the block's line; a link to an attachment opens the file.
- References are found from anywhere in a note. On a link: the backlinks of the note it leads
  to (of the heading or block when the cursor is on its '#...' part). On a heading: the links
  to that heading (the note's H1, when it spells the note's name, stands for the note: its
  backlinks). On a tag: every use of it, inline and in frontmatter. Elsewhere: the note's
  backlinks. Tags match case-insensitively and exactly: 'ML' does not find 'ML/attention'.
- Document links cover wiki-links and embeds that resolve; unresolved links get none (their
  diagnostic says what is wrong). A link to a heading or block carries '#L<line>'.
"""

from __future__ import annotations

import asyncio
import logging
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from blog_lsp.findings import Finding
from blog_lsp.server import backlinks
from blog_lsp.server.at_position import (
    BlockAt,
    HeadingAt,
    LinkAt,
    TagAt,
    Thing,
    thing_at,
    title_heading,
)
from blog_lsp.server.server import BlogLanguageServer, Located
from blog_lsp.text import START, Position, Range
from blog_lsp.vault.model import BlockId, Heading, Link, Note

log = logging.getLogger(__name__)

# How much of a linked note a hover shows.
HOVER_LINES = 6
HOVER_CHARACTERS = 600
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")

Handler = TypeVar("Handler", bound=Callable[..., Any])


def never_fails(handler: Handler) -> Handler:
    """Answer null rather than an error when a request meets something unexpected: a wrong
    answer to a hover is worse than none, but an error pop-up for one is worse still. Errors
    raised on purpose (rename refusals) go through.

    The request is answered once the index holds every change the client sent before it (a
    note opened just before a rename is in the vault the rename works on)."""

    @wraps(handler)
    async def guarded(ls: BlogLanguageServer, params: Any) -> Any:
        try:
            await ls.index_updated()
            result = handler(ls, params)
            return await result if asyncio.iscoroutine(result) else result
        except (JsonRpcException, asyncio.CancelledError):
            raise
        except Exception:
            log.exception("%s failed", handler.__name__)
            return None

    return guarded  # type: ignore[return-value]


# -- the document and position a request is about -------------------------------------------


@dataclass(frozen=True)
class Request:
    located: Located
    note: Note  # the full parse of the document's current text
    position: Position | None  # in code points; None when past the end of the document

    @property
    def thing(self) -> Thing | None:
        return None if self.position is None else thing_at(self.note, self.position)


def document(ls: BlogLanguageServer, uri: str) -> tuple[Located, Note] | None:
    """The note a request is about, fully parsed (see :meth:`document_note`)."""
    return ls.document_note(uri)


def request(
    ls: BlogLanguageServer, uri: str, position: types.Position | None = None
) -> Request | None:
    found = document(ls, uri)
    if found is None:
        return None
    located, note = found
    where: Position | None = None
    assert note.lines is not None
    if position is not None and 0 <= position.line < note.lines.line_count:
        where = note.lines.position(ls.from_client_position(note, position))
    return Request(located, note, where)


@dataclass(frozen=True)
class LinkTarget:
    """Where a link leads: a note (its full parse) or an attachment, and the heading or block
    its subpath names."""

    path: str
    note: Note | None  # None for an attachment
    anchor: Heading | BlockId | None
    candidates: tuple[str, ...]


def follow(ls: BlogLanguageServer, located: Located, note: Note, link: Link) -> LinkTarget | None:
    vault = located.vault
    if link.markdown and not link.target and not link.subpath:
        return None
    resolution = vault.resolve(link.target, note.path)
    path = resolution.path
    if path is None:
        return None
    if path not in vault.notes and not path.lower().endswith(".md"):
        return LinkTarget(path, None, None, resolution.candidates)
    target = note if path == note.path else ls.note_for(vault, path)
    anchor = vault.find_subpath(target, link.subpath) if link.subpath else None
    return LinkTarget(path, target, anchor, resolution.candidates)


def line_range(note: Note, line: int) -> Range:
    assert note.lines is not None
    return Range.on_line(line, 0, note.lines.line_end(line) - note.lines.line_start(line))


# -- definition ----------------------------------------------------------------------------


def definition(
    ls: BlogLanguageServer, params: types.DefinitionParams
) -> list[types.LocationLink] | list[types.Location] | None:
    found = request(ls, params.text_document.uri, params.position)
    if found is None or not isinstance(thing := found.thing, LinkAt):
        return None
    target = follow(ls, found.located, found.note, thing.link)
    if target is None:
        return None
    uri = ls.uri_for(found.located.vault, target.path)
    if target.note is None or target.note.text is None:
        # An attachment, or a note that cannot be read: its start, the same in every encoding.
        whole = selection = types.Range(types.Position(0, 0), types.Position(0, 0))
    else:
        if isinstance(target.anchor, Heading):
            core_whole, core_selection = target.anchor.range, target.anchor.text_range
        elif isinstance(target.anchor, BlockId):
            core_whole = line_range(target.note, target.anchor.range.start.line)
            core_selection = target.anchor.range
        else:
            core_whole, core_selection = line_range(target.note, 0), START
        whole = ls.to_client_range(target.note, core_whole)
        selection = ls.to_client_range(target.note, core_selection)
    if ls.client.definition_links:
        return [
            types.LocationLink(
                target_uri=uri,
                target_range=whole,
                target_selection_range=selection,
                origin_selection_range=ls.to_client_range(found.note, thing.link.range),
            )
        ]
    return [types.Location(uri=uri, range=selection)]


# -- references ----------------------------------------------------------------------------


def _references(
    ls: BlogLanguageServer,
    reader: backlinks.NoteReader,
    found: Request,
    thing: Thing | None,
    target: LinkTarget | None,
    include_declaration: bool,
) -> list[types.Location]:
    """Runs in a worker thread (it may parse many notes): only the reader reads notes."""
    links: list[tuple[Note, Range]] = []
    declaration: tuple[str, Range] | None = None

    def of_note(path: str) -> None:
        nonlocal declaration
        links.extend((note, link.range) for note, link in backlinks.links_to_note(reader, path))
        linked = reader.note(path)
        title = title_heading(linked) if linked.text is not None else None
        declaration = (path, title.text_range if title is not None else START)

    def of_heading(target: Note, heading: Heading) -> None:
        nonlocal declaration
        links.extend(
            (item.note, item.link.range)
            for item in backlinks.links_to_heading(reader, target, heading)
        )
        declaration = (target.path, heading.text_range)

    def of_block(target: Note, block: BlockId) -> None:
        nonlocal declaration
        links.extend(
            (note, link.range) for note, link in backlinks.links_to_block(reader, target, block)
        )
        declaration = (target.path, block.range)

    if isinstance(thing, LinkAt):
        if target is None:
            return []
        if thing.part == "subpath" and target.note is not None and target.anchor is not None:
            reader.use(target.note)
            if isinstance(target.anchor, Heading):
                of_heading(target.note, target.anchor)
            else:
                of_block(target.note, target.anchor)
        else:
            of_note(target.path)
    elif isinstance(thing, TagAt):
        links.extend(
            (note, TagAt(tag).range)
            for note, tag in backlinks.tag_occurrences(reader, thing.tag.name)
        )
    elif isinstance(thing, HeadingAt) and not thing.is_title:
        of_heading(found.note, thing.heading)
    elif isinstance(thing, BlockAt):
        of_block(found.note, thing.block)
    else:
        # Anywhere else in the note (its H1 and title included): the note's backlinks; on
        # the H1, links to it as a heading ('[[#Attention]]') count as well.
        of_note(found.note.path)
        if isinstance(thing, HeadingAt):
            links.extend(
                (item.note, item.link.range)
                for item in backlinks.links_to_heading(reader, found.note, thing.heading)
            )
    locations: list[types.Location] = []
    seen: set[tuple[str, Range]] = set()
    if include_declaration and declaration is not None:
        links.insert(0, (reader.note(declaration[0]), declaration[1]))
    for note, where in links:
        if (note.path, where) in seen:
            continue
        seen.add((note.path, where))
        location = reader.location(note, where)
        if location is not None:
            locations.append(location)
    return locations


async def references(
    ls: BlogLanguageServer, params: types.ReferenceParams
) -> list[types.Location] | None:
    found = request(ls, params.text_document.uri, params.position)
    if found is None or found.position is None:
        return None
    thing = found.thing
    # What the event loop must do (it owns the open documents) happens here.
    target = (
        follow(ls, found.located, found.note, thing.link) if isinstance(thing, LinkAt) else None
    )
    reader = backlinks.NoteReader.capture(ls, found.located.vault)
    reader.use(found.note)
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(
        ls.executor,
        _references,
        ls,
        reader,
        found,
        thing,
        target,
        params.context.include_declaration,
    )


# -- hover ---------------------------------------------------------------------------------


def _excerpt(note: Note, anchor: Heading | BlockId | None) -> str:
    """The first lines of a note's body (after the frontmatter and an H1 that repeats the
    title), or of the section a heading starts, or the block's line."""
    assert note.text is not None and note.lines is not None
    lines = note.lines
    if isinstance(anchor, BlockId):
        line = anchor.range.start.line
        start = lines.line_start(line)
        text = note.text[start : start + anchor.range.start.character].rstrip()
        return text
    if isinstance(anchor, Heading):
        first = anchor.range.start.line + 1
    else:
        first = 0
        if note.frontmatter is not None:
            first = note.frontmatter.range.end.line + 1 if note.frontmatter.closed else 1
        title = title_heading(note) or next((h for h in note.headings if h.level == 1), None)
        if title is not None and title.range.start.line >= first:
            # Only when nothing but blank lines comes before it.
            between = note.text[lines.line_start(first) : lines.line_start(title.range.start.line)]
            if not between.strip():
                first = title.range.start.line + 1
    picked: list[str] = []
    size = 0
    for line in range(first, lines.line_count):
        text = note.text[lines.line_start(line) : lines.line_end(line)]
        if not picked and not text.strip():
            continue
        if isinstance(anchor, Heading) and text.lstrip().startswith("#"):
            heading = next((h for h in note.headings if h.range.start.line == line), None)
            if heading is not None and heading.level <= anchor.level:
                break  # the section ends at the next heading of its level
        picked.append(text)
        size += len(text)
        if len(picked) >= HOVER_LINES or size >= HOVER_CHARACTERS:
            break
    while picked and not picked[-1].strip():
        picked.pop()
    excerpt = "\n".join(picked)
    if len(excerpt) > HOVER_CHARACTERS:
        excerpt = excerpt[:HOVER_CHARACTERS].rstrip() + "…"
    # A code block cut off in the middle would swallow the rest of the hover.
    fences = sum(1 for line in picked if line.lstrip().startswith(("```", "~~~")))
    if fences % 2:
        excerpt += "\n```"
    return excerpt


def _hover_link(ls: BlogLanguageServer, found: Request, link: Link) -> str | None:
    target = follow(ls, found.located, found.note, link)
    if target is None:
        return None  # the 'link-unresolved' explanation says why
    vault = found.located.vault
    parts: list[str] = []
    if target.note is None:
        parts.append(f"**{posixpath.basename(target.path)}**: attachment `{target.path}`")
        if target.path.lower().endswith(IMAGE_SUFFIXES):
            uri = ls.uri_for(vault, target.path)
            parts.append(f"![{posixpath.basename(target.path)}]({uri.replace(' ', '%20')})")
    else:
        note = target.note
        parts.append(f"**{_escape(note.title)}** · `{note.path}`")
        description = note.frontmatter_value("description")
        if isinstance(description, str) and description.strip():
            parts.append(f"*{_escape(description.strip())}*")
        if note.aliases:
            parts.append("Also known as: " + ", ".join(_escape(a) for a in note.aliases))
        if link.subpath and target.anchor is None:
            parts.append(f"No heading or block '{_escape(link.subpath)}' in this note.")
        if note.text is not None:
            if isinstance(target.anchor, Heading):
                parts.append(f"**§ {_escape(target.anchor.text)}**")
            excerpt = _excerpt(note, target.anchor)
            if excerpt:
                parts.append(excerpt)
    if target.candidates[1:]:
        others = ", ".join(f"`{path}`" for path in target.candidates[1:4])
        parts.append(f"Also matches {others}: Obsidian opens `{target.path}`.")
    return "\n\n".join(parts)


def _hover_tag(found: Request, name: str) -> str:
    use = backlinks.tag_use(found.located.vault, name)
    text = f"**#{name}** — used in {_notes(use.notes)}"
    if use.nested:
        nested = ", ".join(f"#{tag} ({_notes(count)})" for tag, count in use.nested.items())
        text += f"\n\nNested tags, not counted here: {nested}"
    return text


def _notes(count: int) -> str:
    return f"{count} note" if count == 1 else f"{count} notes"


def _escape(text: str) -> str:
    """Text that Markdown shows as it is written."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def _findings_at(found: Request, findings: list[Finding]) -> list[tuple[Range, str]]:
    """The note's findings that cover the position, explained. Hover cannot see the
    diagnostics the editor shows: it takes the findings of this version's check."""
    from blog_lsp.rules import RULES

    assert found.position is not None
    explained: list[tuple[Range, str]] = []
    seen: set[str] = set()
    for item in findings:
        rule = RULES.get(item.code)
        if rule is None or item.code in seen or not item.range.contains(found.position):
            continue
        seen.add(item.code)
        explained.append((item.range, f"`{item.code}`: {rule.summary}"))
    return explained


async def hover(ls: BlogLanguageServer, params: types.HoverParams) -> types.Hover | None:
    found = request(ls, params.text_document.uri, params.position)
    if found is None or found.position is None:
        return None
    thing = found.thing
    sections: list[str] = []
    where: Range | None = None
    if isinstance(thing, LinkAt):
        text = _hover_link(ls, found, thing.link)
        if text:
            sections.append(text)
            where = thing.link.range
    elif isinstance(thing, TagAt):
        sections.append(_hover_tag(found, thing.tag.name))
        where = thing.range
    checked = await ls.diagnostics.checked(found.located)
    explained = _findings_at(found, checked.findings)
    if explained:
        sections.append("\n\n".join(f"blog-lsp {text}" for _, text in explained))
        where = where or explained[0][0]
    if not sections or where is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(sections)
        ),
        range=ls.to_client_range(found.note, where),
    )


# -- document links ------------------------------------------------------------------------


def document_links(
    ls: BlogLanguageServer, params: types.DocumentLinkParams
) -> list[types.DocumentLink] | None:
    found = document(ls, params.text_document.uri)
    if found is None:
        return None
    located, note = found
    vault = located.vault
    tooltips = ls.client.document_link_tooltips
    result: list[types.DocumentLink] = []
    for link in note.links:
        if link.markdown:
            continue  # Markdown links are the editor's own business
        path = vault.resolve(link.target, note.path).path
        if path is None:
            continue
        target = ls.uri_for(vault, path)
        tooltip = f"Open {path}"
        # The index is enough for a line number: lines count the same in every encoding.
        indexed = vault.notes.get(path) if path != note.path else note
        if link.subpath and indexed is not None:
            anchor = vault.find_subpath(indexed, link.subpath)
            if anchor is not None:
                target += f"#L{anchor.range.start.line + 1}"
                tooltip += f" at '{link.subpath}'"
        result.append(
            types.DocumentLink(
                range=ls.to_client_range(note, link.range),
                target=target,
                tooltip=tooltip if tooltips else None,
            )
        )
    return result


def register(server: BlogLanguageServer) -> None:
    server.feature(types.TEXT_DOCUMENT_DEFINITION)(never_fails(definition))
    server.feature(types.TEXT_DOCUMENT_REFERENCES)(never_fails(references))
    server.feature(types.TEXT_DOCUMENT_HOVER)(never_fails(hover))
    server.feature(types.TEXT_DOCUMENT_DOCUMENT_LINK)(never_fails(document_links))
