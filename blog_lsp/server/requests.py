"""What every request about a position in a note shares: finding the document and what is
under the cursor, following a link, and answering null rather than failing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from blog_lsp.cursor.at_position import (
    Thing,
    thing_at,
)
from blog_lsp.server.server import BlogLanguageServer, Located
from blog_lsp.text import Position, Range
from blog_lsp.vault.model import NOTE_SUFFIX, BlockId, Heading, Link, Note

log = logging.getLogger(__name__)

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
    if path not in vault.notes and not path.lower().endswith(NOTE_SUFFIX):
        return LinkTarget(path, None, None, resolution.candidates)
    target = note if path == note.path else ls.note_for(vault, path)
    anchor = vault.find_subpath(target, link.subpath) if link.subpath else None
    return LinkTarget(path, target, anchor, resolution.candidates)


def line_range(note: Note, line: int) -> Range:
    assert note.lines is not None
    return Range.on_line(line, 0, note.lines.line_end(line) - note.lines.line_start(line))
