"""The generated word lists (tools/build_word_lists.py) and the hand-kept name phrases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from blog_lsp.spelling.table import (
    english_words,
    name_phrases,
    names,
    offensive_words,
    technical_words,
)

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "tools" / "build_word_lists.py"
DATA = REPO / "blog_lsp" / "spelling" / "data"
# Where `npm install` put the source packages (see the generator's help); the check is skipped
# without it, as in a user's clone.
SOURCES = os.environ.get("BLOG_LSP_WORD_LIST_SOURCES", "")


@pytest.mark.parametrize("word", ["prefill", "prefetch", "newline", "kubernetes", "databricks"])
def test_technical_words_are_shipped(word: str) -> None:
    assert word in technical_words()


@pytest.mark.parametrize("word", ["intro", "onsite", "approx"])
def test_everyday_words_pyspellchecker_lacks_are_shipped(word: str) -> None:
    assert word in english_words()


@pytest.mark.parametrize("word", ["Kennedy", "Willison", "Databricks"])
def test_names_are_shipped_as_written(word: str) -> None:
    assert word in names()
    assert word.lower() not in names()


@pytest.mark.parametrize("word", ["wanker", "arsehole"])
def test_offensive_words_are_shipped(word: str) -> None:
    assert word in offensive_words()


@pytest.mark.parametrize("word", ["crack", "trap", "spade", "analysis", "rankers"])
def test_ordinary_words_are_not_on_the_offensive_list(word: str) -> None:
    assert word not in offensive_words()


def test_every_source_licence_is_kept_beside_the_lists() -> None:
    notice = (DATA / "WORD-LISTS-LICENSE.txt").read_text(encoding="utf-8")
    for package in ("@cspell/dict-software-terms", "@cspell/dict-people-names", "cuss"):
        assert package in notice
    assert notice.count("Permission is hereby granted") >= 6


def test_name_phrases_are_kept_one_a_line() -> None:
    phrases = name_phrases()
    assert "World Health Organization" in phrases and "gray code" in phrases
    assert all(phrase == phrase.strip() and not phrase.startswith("#") for phrase in phrases)


@pytest.mark.skipif(not SOURCES, reason="BLOG_LSP_WORD_LIST_SOURCES names no node_modules")
def test_the_shipped_lists_are_what_the_generator_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--node-modules", SOURCES],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
