"""Go to definition. A link to a note goes to the top of the note; with '#Heading' to the
heading, with '#^block' to the block's line; a link to an attachment opens the file."""

from __future__ import annotations

from lsprotocol import types

from blog_lsp.cursor.at_position import (
    LinkAt,
)
from blog_lsp.server.requests import (
    follow,
    line_range,
    never_fails,
    request,
)
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.text import START
from blog_lsp.vault.model import BlockId, Heading


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


def register(server: BlogLanguageServer) -> None:
    server.feature(types.TEXT_DOCUMENT_DEFINITION)(never_fails(definition))
