"""The generated spelling data and its generator, tools/build_spelling_table.py."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from blog_lsp.spelling.table import british_words, spelling_table

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "tools" / "build_spelling_table.py"
DATA = REPO / "blog_lsp" / "spelling" / "data"
SCOWL = Path("/usr/share/dict/scowl")

needs_scowl = pytest.mark.skipif(
    not (SCOWL / "american-words.10").is_file(), reason="Debian's scowl package is not installed"
)


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_spelling_table", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


# --- Shipped data ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("american", "british", "category", "oxford"),
    [
        ("optimize", "optimise", "ize", "optimize"),
        ("organizational", "organisational", "ize", "organizational"),
        ("analyze", "analyse", "yse", "analyse"),
        ("color", "colour", "our", "colour"),
        ("colorize", "colourise", "our", "colourize"),
        ("center", "centre", "re", "centre"),
        ("catalog", "catalogue", "ogue", "catalogue"),
        ("defense", "defence", "ence", "defence"),
        ("modeling", "modelling", "ll", "modelling"),
        ("fulfill", "fulfil", "l", "fulfil"),
        ("judgment", "judgement", "ment", "judgement"),
        ("anemia", "anaemia", "ae", "anaemia"),
        ("maneuver", "manoeuvre", "oe", "manoeuvre"),
        ("toward", "towards", "ward", "towards"),
        ("gray", "grey", "other", "grey"),
        ("aging", "ageing", "other", "ageing"),
        ("practiced", "practised", "ise-verb", "practised"),
    ],
)
def test_table_rows(american: str, british: str, category: str, oxford: str) -> None:
    entry = spelling_table().entries[american]
    assert (entry.british, entry.category, entry.oxford) == (british, category, oxford)


@pytest.mark.parametrize(
    "word",
    [
        "program", "license", "licensed", "practice", "meter", "check", "tire", "disk",
        "dialog", "draft", "curb", "prized", "whiskey", "colorectal", "manila", "performative",
        "size", "seize", "advertise", "error", "tensor",
    ],
)  # fmt: skip
def test_sense_dependent_and_common_words_are_not_in_the_table(word: str) -> None:
    assert word not in spelling_table().entries


def test_companion_files() -> None:
    table = spelling_table()
    assert {"size", "prize", "seize", "capsize", "resize", "synthesizer"} <= table.ize_everywhere
    assert not {"synthesize", "emphasize", "tokenize"} & table.ize_everywhere
    assert {"colour", "behaviour", "centre", "analyse", "optimise"} <= british_words()
    assert "americanize" in table.capitalised
    notice = (DATA / "SCOWL-LICENSE.txt").read_text(encoding="utf-8")
    assert "tools/build_spelling_table.py" in notice and "Kevin Atkinson" in notice


# --- Generator ----------------------------------------------------------------------------


@needs_scowl
def test_shipped_files_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@needs_scowl
def test_check_reports_missing_files(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--output-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "british.tsv is out of date" in result.stderr


@needs_scowl
def test_generation_is_deterministic(generator: ModuleType, tmp_path: Path) -> None:
    assert generator.main(["--output-dir", str(tmp_path / "a")]) == 0
    assert generator.main(["--output-dir", str(tmp_path / "b")]) == 0
    for name in ("british.tsv", "ize-everywhere.txt", "british-words.txt", "SCOWL-LICENSE.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@needs_scowl
def test_rules_need_their_root_to_pair(generator: ModuleType) -> None:
    scowl = generator.Scowl(SCOWL)
    american = scowl.words("american", 95, ("words", "upper"))
    british = scowl.words("british", 95, ("words", "upper"))
    sets = generator.WordSets(
        american_only=frozenset(american - british),
        british_only=frozenset(british - american),
        oxford=frozenset(scowl.words("british_z", 95, ("words", "upper"))),
        common=frozenset(scowl.words("english", 95)),
    )
    assert generator.pair_word("colorful", sets).british == "colourful"
    assert generator.pair_word("unfavorable", sets).british == "unfavourable"
    assert generator.pair_word("theatergoer", sets).british == "theatregoer"
    for unrelated in ("performative", "perviousness", "borage", "thereness", "esc"):
        assert generator.pair_word(unrelated, sets) is None
