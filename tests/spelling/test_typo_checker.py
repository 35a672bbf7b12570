"""TypoChecker: unknown words (no suggestions computed) and on-demand suggestions."""

from __future__ import annotations

import pytest

from blog_lsp.spelling import TypoChecker
from blog_lsp.spelling.typos import TypoChecker as TypoCheckerClass

CHECKER = TypoChecker()


def unknown(prose: str, checker: TypoChecker = CHECKER) -> list[str]:
    return [word for _, _, word in checker.unknown_words(prose)]


@pytest.mark.parametrize(
    "word",
    [
        "colour", "behaviour", "centre", "analyse", "optimise", "optimiser", "organisation",
        "modelling", "labelled", "travelling", "licence", "practise", "grey", "catalogue",
        "whilst", "amongst", "learnt", "towards", "maths", "tokenise", "tokeniser",
        "vectorisation", "quantisation", "featurise", "defence", "programme", "aeroplane",
    ],
)  # fmt: skip
def test_british_spellings_are_known(word: str) -> None:
    assert unknown(f"so {word} here") == []


@pytest.mark.parametrize(
    "word", ["color", "optimize", "analyze", "tokenize", "tokenizer", "featurize", "dataset"]
)
def test_american_spellings_are_left_to_the_british_engine(word: str) -> None:
    assert unknown(f"so {word} here") == []


def test_typos_are_reported_with_offsets() -> None:
    prose = "We recieve teh data."
    assert CHECKER.unknown_words(prose) == [(3, 10, "recieve"), (11, 14, "teh")]


def test_sentence_initial_and_title_words_are_checked() -> None:
    assert unknown("Teh end. Recieve it.\nHow to Recieve Data") == ["Teh", "Recieve", "Recieve"]


@pytest.mark.parametrize(
    "prose",
    [
        "The GPU and two GPUs run LLMs and an API.",
        "Use word2vec, gpt4o and 3x faster kernels.",
        "Set snake_case_name and camelCaseName and iPhone.",
        "Call np.argmax or torch.nn.functional here.",
        "We met Karpathy and Raschka in Zürich.",
        "A multi-head and pre-trained and non-zero setup.",
        "It's the model's job; don't worry, they'll see.",
        "Write “qwertyuiop” in quotes and -ise as an ending.",
        "Привет мир and 你好 are greetings.",
    ],
)
def test_non_words_are_skipped(prose: str) -> None:
    assert unknown(prose) == []


def test_known_words_and_callback_are_honoured() -> None:
    checker = TypoChecker(known_words=["Blogkeeping"])
    prose = "We tried blogkeeping and flibbertyjib and zorbification."
    assert unknown(prose, checker) == ["flibbertyjib", "zorbification"]
    found = checker.unknown_words(prose, is_known=lambda word: word == "flibbertyjib")
    assert [word for _, _, word in found] == ["zorbification"]


def test_callback_sees_the_word_without_its_apostrophe_ending() -> None:
    seen: list[str] = []

    def is_known(word: str) -> bool:
        seen.append(word)
        return word == "zorblax"

    assert CHECKER.unknown_words("The zorblax's model works.", is_known=is_known) == []
    assert seen == ["zorblax's", "zorblax"]


def test_unknown_words_computes_no_suggestions(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("candidate generation must not run while finding unknown words")

    monkeypatch.setattr(TypoCheckerClass, "_distance_one", refuse)
    monkeypatch.setattr(TypoCheckerClass, "_distance_two", refuse)
    monkeypatch.setattr(TypoCheckerClass, "suggestions", refuse)
    import spellchecker

    for name in ("candidates", "correction", "edit_distance_1", "edit_distance_2"):
        monkeypatch.setattr(spellchecker.SpellChecker, name, refuse)
    assert unknown("We recieve teh data quikly.") == ["recieve", "teh", "quikly"]


class TestSuggestions:
    def test_recieve_suggests_receive_first(self) -> None:
        assert CHECKER.suggestions("recieve")[0] == "receive"

    def test_case_is_kept(self) -> None:
        assert CHECKER.suggestions("Recieve")[0] == "Receive"
        assert CHECKER.suggestions("RECIEVE")[0] == "RECEIVE"
        assert CHECKER.suggestions("teh")[0] == "the"

    def test_apostrophe_ending_is_kept(self) -> None:
        assert CHECKER.suggestions("modle's")[0] == "model's"

    @pytest.mark.parametrize(
        ("typo", "british"),
        [("behavour", "behaviour"), ("colr", "colour"), ("optimze", "optimise"),
         ("analize", "analyse"), ("centr", "centre")],
    )  # fmt: skip
    def test_british_forms_are_preferred(self, typo: str, british: str) -> None:
        found = CHECKER.suggestions(typo)
        assert british in found
        american = {"colour": "color", "optimise": "optimize", "centre": "center"}.get(british)
        assert american not in found

    def test_oxford_mode_suggests_ize(self) -> None:
        assert "optimize" in TypoChecker(mode="oxford").suggestions("optimze")

    def test_distance_two_only_when_distance_one_finds_nothing(self) -> None:
        assert CHECKER.suggestions("recievd")[0] == "received"
        assert all(len(s) >= 6 for s in CHECKER.suggestions("recieve"))

    def test_limit_and_known_words(self) -> None:
        assert len(CHECKER.suggestions("teh", limit=2)) == 2
        assert TypoChecker(known_words=["zorblax"]).suggestions("zorblx")[0] == "zorblax"

    def test_no_suggestions_for_non_words(self) -> None:
        assert CHECKER.suggestions("x1y2") == []


# --- Real writing: names, compounds, word forms, accents, jargon (issue 13) ---------------


@pytest.mark.parametrize(
    "prose",
    [
        "Andrej Karpathy's video is long.",
        "* Andrej explains it.",
        "Anyscale wrote it up.",
        "## Notes From Anyscale",
        "Willison said so.",
    ],
)
def test_capitalised_words_that_are_no_near_miss_are_names(prose: str) -> None:
    assert unknown(prose) == []


@pytest.mark.parametrize(
    ("prose", "typo"),
    [("Recieve it now.", "Recieve"), ("## How to Recieve Data", "Recieve"),
     ("Langauge models help.", "Langauge")],
)  # fmt: skip
def test_capitalised_near_misses_are_still_typos(prose: str, typo: str) -> None:
    assert unknown(prose) == [typo]


@pytest.mark.parametrize(
    "prose",
    [
        "Safety layers after generation (re-rankers) help.",
        "Safety layers after generation (re‑rankers) help.",  # a non-breaking hyphen
    ],
)
def test_hyphenated_compounds_are_judged_whole(prose: str) -> None:
    assert unknown(prose) == []


def test_a_compound_known_whole_hides_its_unknown_parts() -> None:
    assert unknown("A flurb-wozzle appeared.") == ["flurb", "wozzle"]
    assert unknown("A flurb-wozzle appeared.", TypoChecker(["flurbwozzle"])) == []
    assert unknown("A flurb-wozzle appeared.", TypoChecker(["Flurb-Wozzle"])) == []


@pytest.mark.parametrize(
    "word",
    ["benchmarked", "prefetches", "newlines", "reindexing", "cacheable", "unbatched",
     "tokenizers", "hallucinated"],
)  # fmt: skip
def test_regular_forms_of_known_words_are_known(word: str) -> None:
    assert unknown(f"so {word} here") == []


@pytest.mark.parametrize(
    "typo",
    ["occured", "untill", "arguement", "truely", "begining", "publically", "refered", "stoped"],
)
def test_common_typos_are_not_mistaken_for_word_forms(typo: str) -> None:
    assert unknown(f"so {typo} here") == [typo]


@pytest.mark.parametrize("prose", ["A naïve model.", "Résumé tips.", "The café’s menu."])
def test_accented_words_are_folded(prose: str) -> None:
    assert unknown(prose) == []


@pytest.mark.parametrize(
    "prose", ["Intro to it.", "## Intro", "autodiff helps", "Prefill is fast."]
)
def test_everyday_jargon_is_known(prose: str) -> None:
    assert unknown(prose) == []


def test_regular_forms_of_vault_words_are_known() -> None:
    found = CHECKER.unknown_words("We zorblaxed it twice.", is_known=lambda w: w == "zorblax")
    assert found == []


class TestOneVerdictAWord:
    def test_a_word_used_as_a_name_is_reported_nowhere(self) -> None:
        prose = "Filed in Blogkeeping, Design.\nBlogkeeping, again.\nSee blogkeeping."
        assert unknown(prose) == []

    def test_a_word_used_as_code_is_reported_nowhere(self) -> None:
        assert unknown("Call frobnicate_all() then frobnicate.") == []

    def test_every_use_of_a_typo_is_reported(self) -> None:
        prose = "Teh end. We saw teh cat and teh dog."
        assert unknown(prose) == ["Teh", "teh", "teh"]


class TestSuggestionsAreNeverOffensive:
    def test_rankers(self) -> None:
        found = CHECKER.suggestions("rankers", limit=10)
        assert found and "wankers" not in found

    @pytest.mark.parametrize("word", ["wanker", "wankers", "wanking"])
    def test_the_filter_knows_word_forms(self, word: str) -> None:
        from blog_lsp.spelling.typos import is_offensive

        assert is_offensive(word)

    @pytest.mark.parametrize("word", ["rankers", "bankers", "analysis", "class", "title"])
    def test_the_filter_lets_ordinary_words_through(self, word: str) -> None:
        from blog_lsp.spelling.typos import is_offensive

        assert not is_offensive(word)
