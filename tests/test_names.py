"""How names are compared, and what a new filename may hold."""

from __future__ import annotations

import pytest

from blog_lsp.names import name_key, new_name, same_name, search_key

NFC_CAFE, NFD_CAFE = "Caf\u00e9", "Cafe\u0301"


@pytest.mark.parametrize(
    ("name", "other"),
    [
        (NFC_CAFE, NFD_CAFE),
        (NFC_CAFE, NFD_CAFE.upper()),
        ("Tweets", "tw\u200beets"),
        ("Invoice gnp.exe", "Invoice \u202egnp.exe"),
        ("Stra\u00dfe", "STRASSE"),  # case folding, not only lower case
        ("\ufeffNotes/Attention.md", "notes/attention.MD"),
    ],
)
def test_names_that_are_the_same(name: str, other: str) -> None:
    assert same_name(name, other)
    assert name_key(name) == name_key(other)


@pytest.mark.parametrize(
    ("name", "other"),
    [("Cafe", NFC_CAFE), ("Caf\u00e8", NFC_CAFE), ("Notes", "Note"), ("a b", "ab")],
)
def test_names_that_only_look_alike_are_not_the_same(name: str, other: str) -> None:
    assert not same_name(name, other)


def test_new_names_are_composed_without_invisible_characters() -> None:
    assert new_name(NFD_CAFE) == NFC_CAFE
    assert new_name("Evil \u202egnp.exe\u2066\u2069\u200f") == "Evil gnp.exe"
    assert new_name("Plain Name") == "Plain Name"  # case and spaces as written


def test_search_keys_keep_a_decomposed_accent() -> None:
    assert search_key(NFD_CAFE) == search_key(NFC_CAFE) == "caf\u00e9"
    assert search_key("Cafe") != search_key(NFC_CAFE)
