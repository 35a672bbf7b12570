"""Ranking names against what was typed, without a server."""

from __future__ import annotations

from blog_lsp.completion.ranking import NameLetters, closeness_order, rank_names
from blog_lsp.names import search_key

KEYS = [search_key(name) for name in ("Learn", "Learning LLMs", "Machine Learning", "Unrelated")]


def test_letter_sets_find_the_names_holding_every_letter():
    letters = NameLetters(KEYS)
    assert letters.holding("gm") == [1, 2]  # in any order: the ranking checks the order
    assert letters.holding("unr") == [3]
    assert letters.holding("xyz") == []
    assert letters.holding("") is None  # nothing typed: every name


def test_letter_sets_give_up_when_most_names_hold_the_letters():
    keys = [f"note {number}" for number in range(NameLetters.MANY + 1)]
    letters = NameLetters(keys)
    assert letters.holding("note") is None
    found = letters.holding("note 40")  # the names holding a '4' and a '0': a few hundred
    assert found is not None and 4000 in found and 0 < len(found) < NameLetters.MANY


def test_names_holding_the_letters_in_order_come_first_the_closest_first():
    ranked, more = rank_names("learn", KEYS, NameLetters(KEYS))
    assert [KEYS[position] for position in ranked] == [
        "learn",
        "learning llms",
        "machine learning",
    ]
    assert not more


def test_a_limit_cuts_the_answer_and_says_there_were_more():
    ranked, more = rank_names("learn", KEYS, NameLetters(KEYS), limit=1)
    assert ranked == [0] and more


def test_a_typo_gets_near_misses_and_asks_again():
    ranked, more = rank_names("laerning", KEYS, NameLetters(KEYS))
    assert KEYS[ranked[0]] == "learning llms" and more
    assert "unrelated" not in [KEYS[position] for position in ranked]
    ranked, more = rank_names("qqqqqq", KEYS, NameLetters(KEYS))
    assert ranked == [] and more


def test_closeness_puts_a_name_the_query_begins_before_one_it_ends():
    keys = ["deep attention", "attention heads"]
    assert closeness_order("attention", keys) == [1, 0]
    assert closeness_order("deep", keys) == [0, 1]
    assert closeness_order("x", []) == []
