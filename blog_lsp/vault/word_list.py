"""Adding a word to a vault's word list (the words its spelling check accepts)."""

from __future__ import annotations

from pathlib import Path


class WordListError(Exception):
    """The word list could not be read or written; the message says why, for the writer."""


def append_word(path: Path, word: str) -> bool:
    """Append ``word`` as a line of the word list at ``path`` (created if missing), leaving
    every other line as it is. False when the list already holds it."""
    try:
        existing = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        existing = ""
    except UnicodeDecodeError as error:
        raise WordListError(
            f"The word list '{path}' is not UTF-8 text; blog-lsp will not change it."
        ) from error
    except OSError as error:
        raise WordListError(f"Could not read '{path}': {error.strerror or error}.") from error
    if word.casefold() in {line.strip().casefold() for line in existing.splitlines()}:
        return False
    newline = "\r\n" if "\r\n" in existing else "\n"
    separator = newline if existing and not existing.endswith(("\n", "\r")) else ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8", newline="") as file:
            file.write(separator + word + newline)
    except OSError as error:
        raise WordListError(f"Could not write '{path}': {error.strerror or error}.") from error
    return True
