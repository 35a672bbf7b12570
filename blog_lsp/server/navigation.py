"""(filled in by its feature work)"""

from __future__ import annotations

from blog_lsp.server.server import BlogLanguageServer


def register(server: BlogLanguageServer) -> None:
    pass
