"""Measure the British spelling engine against VarCon, which the project does not ship.

VarCon (``../shared/data/varcon/varcon.txt`` beside the repository) maps American (A),
British -ise (B) and British Oxford (Z) spellings. It is only a measuring stick here: the
table comes from SCOWL (tools/build_spelling_table.py). Skipped when the file is absent, as in
a user's clone. Run with ``-rA`` to see the numbers.

Each word is checked on its own, in mid-sentence ("so WORD here"), in the case VarCon writes
it; a neutral frame, because "the WORD" would make a noun of verbs such as license.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from varcon_oracle import VarCon, load_varcon_or_skip

from blog_lsp.spelling import SPELLING, STYLE, BritishSpelling, SpellingHit

# Measured with the table built from scowl 2020.12.07 at level 80: recall 0.850 overall, 0.975
# on VarCon's forms up to level 50 (issue 13's target is 0.95) and 0.973 on its common words
# (level 35 and below). The floors sit a little lower so that a regression shows without
# making the test brittle; the level-50 floor is the target itself.
RECALL_FLOOR = 0.84
COMMON_RECALL_FLOOR = 0.96
LEVEL_50_RECALL_FLOOR = 0.95
COMMON_LEVEL = 35
# VarCon generates comparatives such as colorrest and lacklusterrer whose British forms follow
# no rule; a few of them get another fix.
WRONG_FIX_CEILING = 45
# Style hints suggest a British preference where both forms are British (among/amongst).
STYLE_WORDS = frozenset(
    {"among", "spelled", "learned", "while", "math", "gotten", "vacation", "vacations"}
)


@pytest.fixture(scope="module")
def varcon() -> VarCon:
    return load_varcon_or_skip()


def _checker(mode: str) -> Callable[[str], list[SpellingHit]]:
    engine = BritishSpelling(mode)
    return lambda word: engine.find(f"so {word} here")


def test_no_british_word_is_reported_as_a_spelling_error(varcon: VarCon) -> None:
    find = _checker("ise")
    hits = {word: find(word) for word in varcon.british}
    errors = sorted(w for w, found in hits.items() if any(h.code == SPELLING for h in found))
    styled = sorted(w for w, found in hits.items() if any(h.code == STYLE for h in found))
    rare = sorted(w for w in varcon.rare_british if find(w))
    print(f"B-tagged words: {len(varcon.british)}; style hints on them: {styled}")
    print(f"B-tagged only in rare senses and reported: {rare}")
    assert errors == []
    assert set(styled) <= STYLE_WORDS


def test_no_oxford_word_is_reported_in_oxford_mode(varcon: VarCon) -> None:
    find = _checker("oxford")
    hits = {word: find(word) for word in varcon.oxford}
    reported = {word: found[0].replacement for word, found in hits.items() if found}
    # Oxford spelling writes -yse like all British spelling (the spec's rule), though VarCon
    # tags a few derived -yze forms Z. Its generated re-/un- forms of tranquilize keep one l,
    # against its own Z form tranquillize.
    unexpected = {
        word: fix
        for word, fix in reported.items()
        if "yz" not in word and word not in STYLE_WORDS and "tranquiliz" not in word
    }
    print(f"Z-tagged words: {len(varcon.oxford)}; reported in Oxford mode: {sorted(reported)}")
    assert unexpected == {}


def test_recall_on_american_spellings(
    varcon: VarCon, record_property: Callable[[str, object], None]
) -> None:
    find = _checker("ise")
    british = varcon.british | varcon.rare_british
    measured = [w for w in varcon.pairs if w not in british]
    fixed, wrong, missed = [], [], []
    for word in measured:
        hits = find(word)
        if not hits:
            missed.append(word)
        elif hits[0].replacement == varcon.pairs[word]:
            fixed.append(word)
        else:
            wrong.append((word, hits[0].replacement, varcon.pairs[word]))
    recall = len(fixed) / len(measured)
    common = [w for w in measured if varcon.level.get(w, 100) <= COMMON_LEVEL]
    common_fixed = set(fixed).intersection(common)
    common_recall = len(common_fixed) / len(common)
    up_to_50 = [w for w in measured if varcon.level.get(w, 100) <= 50]
    fixed_up_to_50 = set(fixed).intersection(up_to_50)
    recall_50 = len(fixed_up_to_50) / len(up_to_50)
    record_property("varcon_recall", round(recall, 4))
    record_property("varcon_common_recall", round(common_recall, 4))
    record_property("varcon_level_50_recall", round(recall_50, 4))
    print(
        f"VarCon recall: {len(fixed)}/{len(measured)} = {recall:.3f} fixed exactly, "
        f"{len(wrong)} with another fix, {len(missed)} missed; "
        f"level <= 50: {len(fixed_up_to_50)}/{len(up_to_50)} = {recall_50:.3f}; "
        f"level <= {COMMON_LEVEL}: {len(common_fixed)}/{len(common)} = {common_recall:.3f}"
    )
    print("missed up to level 50:", sorted(set(up_to_50).intersection(missed))[:60])
    print("other fixes:", wrong[:20])
    assert recall >= RECALL_FLOOR
    assert common_recall >= COMMON_RECALL_FLOOR
    assert recall_50 >= LEVEL_50_RECALL_FLOOR
    assert len(wrong) <= WRONG_FIX_CEILING
