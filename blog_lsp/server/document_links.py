"""Document links: wiki-links and embeds that resolve; unresolved links get none (their
diagnostic says what is wrong). A link to a heading or block carries '#L<line>'."""

from __future__ import annotations

from lsprotocol import types

from blog_lsp.server.requests import (
    document,
    never_fails,
)
from blog_lsp.server.server import BlogLanguageServer


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
    server.feature(types.TEXT_DOCUMENT_DOCUMENT_LINK)(never_fails(document_links))
