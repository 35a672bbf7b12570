"""The language server, put together: every feature module, named here and only here.

Each module's ``register(server)`` adds its handlers; none registers another. To find where
a request is answered, find its feature below.
"""

from __future__ import annotations

from blog_lsp.server import (
    code_actions,
    commands,
    completion,
    lifecycle,
    navigation,
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
    navigation,  # definition, references, hover, document links
    symbols,  # document and workspace symbols
    rename,  # prepareRename and rename of notes, headings and tags
)


def create_server() -> BlogLanguageServer:
    server = BlogLanguageServer()
    for feature in FEATURES:
        feature.register(server)
    return server
