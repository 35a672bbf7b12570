"""Adding a word to the vault's word list: one line more, every other line as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_lsp.vault.word_list import WordListError, append_word


def test_a_word_is_appended_as_a_line(tmp_path: Path) -> None:
    path = tmp_path / "lists" / "words.txt"
    assert append_word(path, "retreival")
    assert append_word(path, "vLLM")
    assert path.read_text(encoding="utf-8") == "retreival\nvLLM\n"


def test_a_word_already_there_is_not_added_again(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes(b"# mine\r\n  Retreival \r\n")
    assert not append_word(path, "retreival")
    assert path.read_bytes() == b"# mine\r\n  Retreival \r\n"


def test_the_lists_line_endings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes(b"alpha\r\nbeta")  # no line break at the end
    assert append_word(path, "gamma")
    assert path.read_bytes() == b"alpha\r\nbeta\r\ngamma\r\n"


def test_a_list_that_is_not_utf8_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes(b"caf\xe9\n")
    with pytest.raises(WordListError, match="not UTF-8"):
        append_word(path, "gamma")
    assert path.read_bytes() == b"caf\xe9\n"
