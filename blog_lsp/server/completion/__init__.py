"""Completion: tags, wiki-links (notes, aliases, headings, blocks) and a draft's frontmatter.

Where the cursor stands is worked out by :mod:`blog_lsp.cursor.completion_context` from the
document's current text. Candidates come from the vault's index, never from parsing other
notes: the index keeps link names (ready for rapidfuzz) and tags in step with every change,
and a :class:`~blog_lsp.completion.index.CompletionIndex` ranks them. During a first scan it
answers from what is indexed so far.

Every item replaces a range with a ``textEdit``: for links, from just after '[[' to the cursor
and over an auto-paired ']]' after it, so that accepting never doubles brackets; its
``filterText`` is the text the client compares with what is typed in that range.

The feature is this package: the provider (``provider``: each vault's index, kept ready, and
the request's dispatch), what a request shares (``request``), and the items of each context:
``links`` (notes, headings, blocks, display texts), ``tags``, ``frontmatter`` (keys, values).
"""

from __future__ import annotations

import logging
import time

from lsprotocol import types

from blog_lsp.server.completion.provider import CompletionProvider
from blog_lsp.server.server import BlogLanguageServer

log = logging.getLogger(__name__)

# '[' opens links, '#' tags and headings, '|' aliases, '^' blocks, '/' nested tags and
# folders; ',' and ' ' separate the items of a frontmatter list ('- ' in a block list) and
# start values ('status: '). Elsewhere these requests end at the context check, in well under
# a millisecond after the document's parse, which checks reuse.
TRIGGER_CHARACTERS = ["[", "#", "|", "^", "/", ",", " "]


def register(server: BlogLanguageServer) -> None:
    provider = CompletionProvider(server)
    server.index_listeners.append(provider.index_changed)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=TRIGGER_CHARACTERS, resolve_provider=False),
    )
    def completion(
        ls: BlogLanguageServer, params: types.CompletionParams
    ) -> types.CompletionList | None:
        started = time.perf_counter()
        try:
            result = provider.complete(ls, params)
        except Exception:
            # Completion must never get in the way of typing: log, and offer nothing.
            log.exception("completion failed at %s", params.position)
            return None
        log.debug(
            "completion: %d items in %.2f ms",
            len(result.items) if result is not None else 0,
            (time.perf_counter() - started) * 1000,
        )
        return result
