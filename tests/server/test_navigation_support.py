"""Helpers for the navigation tests (no tests here): positions in the client's units, waiting
for the index, notes added on the fly."""

from __future__ import annotations

from pathlib import Path

from lsp_client import diagnostics_for, open_note, uri
from lsprotocol import types
from pytest_lsp import LanguageClient

BROKEN = "Tweets/how to optimize rag #2.md"


def units(text: str, encoding: str) -> int:
    """How many client units a text takes (what the server must count)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def position_in(
    client: LanguageClient, relative: str, needle: str, offset: int = 0, occurrence: int = 0
) -> types.Position:
    """The client position of ``needle`` (plus ``offset`` characters into it) in a note on
    disk; ``occurrence`` picks a later one."""
    text = note_text(client, relative)
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    at += offset
    line = text.count("\n", 0, at)
    line_start = text.rfind("\n", 0, at) + 1
    return types.Position(line, units(text[line_start:at], client.encoding))  # type: ignore[attr-defined]


def note_text(client: LanguageClient, relative: str) -> str:
    return (client.vault / relative).read_text(encoding="utf-8")  # type: ignore[attr-defined]


def note_uri(client: LanguageClient, relative: str) -> str:
    return uri(client.vault / relative)  # type: ignore[attr-defined]


def relative_of(client: LanguageClient, location_uri: str) -> str:
    from pygls.uris import to_fs_path

    path = Path(to_fs_path(location_uri) or "")
    return path.relative_to(client.vault).as_posix()  # type: ignore[attr-defined]


def text_at(client: LanguageClient, relative: str, where: types.Range) -> str:
    """The text a client range covers in a note on disk (single-line ranges)."""
    assert where.start.line == where.end.line
    line = note_text(client, relative).split("\n")[where.start.line]
    encoding = client.encoding  # type: ignore[attr-defined]
    if encoding == "utf-8":
        data = line.encode("utf-8")
        return data[where.start.character : where.end.character].decode("utf-8")
    if encoding == "utf-32":
        return line[where.start.character : where.end.character]
    data = line.encode("utf-16-le")
    return data[where.start.character * 2 : where.end.character * 2].decode("utf-16-le")


async def wait_for_index(client: LanguageClient) -> None:
    """The server has indexed the whole vault once link findings reach an open note."""
    await diagnostics_for(
        client,
        open_note(client, BROKEN),
        until=lambda found: any(d.code == "link-unresolved" for d in found),
    )


def add_note(client: LanguageClient, relative: str, text: str) -> str:
    """Write a note and open it (which indexes it at once); returns its URI."""
    path = client.vault / relative  # type: ignore[attr-defined]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return open_note(client, relative, text)
