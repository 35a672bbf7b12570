"""The language server, put together: every feature module, named here and only here.

Each module's ``register(server)`` adds its handlers; none registers another. To find where
a request is answered, find its feature below.
"""

from __future__ import annotations

from blog_lsp.server import (
    code_actions,
    commands,
    completion,
    definition,
    document_links,
    hover,
    lifecycle,
    references,
    rename,
    symbols,
    sync,
)
from blog_lsp.server.server import BlogLanguageServer

FEATURES = (
    lifecycle,  # initialize, initialized, settings and watched-file changes, shutdown
    sync,  # open, change, close: the document store and the checks
    completion,  # [[ links, #tags, frontmatter values
    code_actions,  # quick fixes and the draft actions
    commands,  # workspace/executeCommand: new drafts, notes, words, status
    definition,  # go to definition of links
    references,  # backlinks, links to a heading, uses of a tag
    hover,  # what a link leads to, a tag's notes, a finding's message
    document_links,  # clickable wiki-links and embeds
    symbols,  # document and workspace symbols
    rename,  # prepareRename and rename of notes, headings and tags
)


def create_server() -> BlogLanguageServer:
    server = BlogLanguageServer()
    for feature in FEATURES:
        feature.register(server)
    return server
