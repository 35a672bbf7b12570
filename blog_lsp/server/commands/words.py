"""``blog-lsp.addWord``: a word appended to the vault's word list."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from pygls.exceptions import JsonRpcInvalidParams

from blog_lsp.paths import resolve_path
from blog_lsp.server.commands.common import (
    ADD_WORD,
    LONGEST_WORD,
    Argument,
    CommandFailedError,
    parse_arguments,
    vault_state,
)
from blog_lsp.server.documents import file_uri
from blog_lsp.server.server import BlogLanguageServer

log = logging.getLogger(__name__)


# -- the vault dictionary --------------------------------------------------------------------

ADD_WORD_ARGUMENTS = {
    "word": Argument(str, "the word, as text", required=True),
    "uri": Argument(str, "the URI of a file in the vault"),
}


def _check_word(word: str) -> str:
    word = word.strip()
    if (
        not word
        or len(word) > LONGEST_WORD
        or word.startswith("#")
        or any(character.isspace() or not character.isprintable() for character in word)
    ):
        raise JsonRpcInvalidParams(
            f"{ADD_WORD}: 'word' must be one word (no spaces or line breaks, not starting with "
            f"'#', at most {LONGEST_WORD} characters), not {word[:40]!r}."
        )
    return word


async def add_word(ls: BlogLanguageServer, arguments: Sequence[Any]) -> str:
    from blog_lsp.checks import word_list_paths
    from blog_lsp.vault.word_list import WordListError, append_word

    options = parse_arguments(ADD_WORD, arguments, ADD_WORD_ARGUMENTS)
    word = _check_word(options["word"])
    state = vault_state(ls, options.get("uri"), ADD_WORD)
    vault = state.vault
    path = word_list_paths(vault.root, vault.settings)[0]
    root = resolve_path(vault.root)
    if not resolve_path(path).is_relative_to(root):
        raise CommandFailedError(
            f"The vault's word list '{path}' is outside the vault {root}; "
            "blog-lsp only writes inside the vault."
        )
    try:
        added = append_word(path, word)
    except WordListError as error:
        raise CommandFailedError(str(error)) from error
    if added:
        log.info("added %r to %s", word, path)
    # The spelling engines keep the accepted words they were built with: build them again.
    state.renew_engines()
    ls.diagnostics.schedule_all()
    return file_uri(path)
