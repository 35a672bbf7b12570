"""Find references, from anywhere in a note. On a link: the backlinks of the note it leads to
(of the heading or block when the cursor is on its '#...' part). On a heading: the links to that
heading (the note's H1, when it spells the note's name, stands for the note: its backlinks). On a
tag: every use of it, inline and in frontmatter. Elsewhere: the note's backlinks. Tags match
case-insensitively and exactly: 'ML' does not find 'ML/attention'."""

from __future__ import annotations

import asyncio

from lsprotocol import types

from blog_lsp.cursor.at_position import (
    BlockAt,
    HeadingAt,
    LinkAt,
    TagAt,
    Thing,
    title_heading,
)
from blog_lsp.server.backlinks import NoteReader
from blog_lsp.server.requests import (
    LinkTarget,
    Request,
    follow,
    never_fails,
    request,
)
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.text import START, Range
from blog_lsp.vault import backlinks
from blog_lsp.vault.model import BlockId, Heading, Note


def _references(
    ls: BlogLanguageServer,
    reader: NoteReader,
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
    reader = NoteReader.capture(ls, found.located.vault)
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


def register(server: BlogLanguageServer) -> None:
    server.feature(types.TEXT_DOCUMENT_REFERENCES)(never_fails(references))
