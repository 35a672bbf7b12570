"""Build blog-lsp's British spelling table from Debian's SCOWL word lists.

SCOWL (``apt-get install scowl``) ships, for each size level, the words that only American
English spells that way (``american-words.N``), the British -ise-only words
(``british-words.N``), the British Oxford (-ize) words (``british_z-words.N``) and the words
common to every dialect (``english-words.N``). This script pairs each American-only word with
the British-only word that a known spelling rule turns it into (optimize -> optimise,
color -> colour, center -> centre, modeling -> modelling, ...), adds the few curated rows from
``tools/spelling_rules.toml`` and writes, into ``blog_lsp/spelling/data/``:

* ``british.tsv``: ``american<TAB>british<TAB>category<TAB>oxford`` rows. ``oxford`` is the
  spelling that Oxford (-ize) mode wants: the American word itself when Oxford spelling
  accepts it (category ``ize``), else the British form with -ize kept.
* ``ize-everywhere.txt``: -ize words that every dialect spells with z (size, prize, seize,
  capsize...), so that the engine's open-class -ize rule leaves them alone.
* ``british-words.txt``: British-only spellings, loaded as known words by the typo checker.
* ``english-words.txt``: everyday words of every dialect (and common abbreviations such as
  intro) that pyspellchecker's list lacks, also known words for the typo checker.
* ``SCOWL-LICENSE.txt``: SCOWL's copyright notice, which must travel with the data.

Run it again after upgrading the scowl package; ``--check`` exits non-zero when the shipped
files differ from what it would write (a test runs it where scowl is installed).
"""

from __future__ import annotations

import argparse
import logging
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generated_files import add_check_option, write_or_check

LOG = logging.getLogger("build_spelling_table")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SCOWL_DIR = Path("/usr/share/dict/scowl")  # Debian's scowl package
DEFAULT_OUTPUT_DIR = REPO / "blog_lsp" / "spelling" / "data"
DEFAULT_RULES_FILE = Path(__file__).resolve().with_name("spelling_rules.toml")
SCOWL_LICENCE_SOURCE = Path("/usr/share/doc/scowl/copyright")

SCOWL_LEVELS = (10, 20, 35, 40, 50, 55, 60, 70, 80, 95)
# Level 80 adds rare but real words (ENABLE, UKACD); level 95 adds mostly noise that pairs
# wrongly (coloradoite -> "colouradoite", storier -> "stourier").
DEFAULT_MAX_LEVEL = 80
# Everyday words of every dialect up to this level (and abbreviations up to the next) are
# known words for the typo checker; higher levels add rare words that would hide typos.
EVERYDAY_LEVEL = 60
ABBREVIATION_LEVEL = 50
# -ize words in the common lists up to this level are -ize in every dialect (size, seize...).
# Above it the common lists hold -ize coinages whose -ise form SCOWL simply lacks (weaponize).
EVERY_DIALECT_IZE_LEVEL = 50

TABLE_FILE = "british.tsv"
IZE_EVERYWHERE_FILE = "ize-everywhere.txt"
BRITISH_WORDS_FILE = "british-words.txt"
ENGLISH_WORDS_FILE = "english-words.txt"
LICENCE_FILE = "SCOWL-LICENSE.txt"

CATEGORIES = {
    "ize": "-ize -> -ise; accepted in Oxford mode",
    "yse": "-yze -> -yse",
    "our": "-or -> -our",
    "re": "-er -> -re",
    "ogue": "-og -> -ogue",
    "ence": "-ense -> -ence",
    "ll": "single l -> double ll (modelling, travelled)",
    "l": "double ll -> single l (fulfil, enrolment)",
    "ae": "e -> ae (anaemia, paediatric)",
    "oe": "e -> oe (oestrogen, manoeuvre)",
    "ment": "-dgment -> -dgement",
    "ward": "-ward -> -wards",
    "ise-verb": "-ice -> -ise for the verb (practised)",
    "other": "a word of its own (grey, ageing, artefact, plough, cosy...)",
}


VOWELS = frozenset("aeiou")
MIN_AE_OE_WORD = 5


@dataclass(frozen=True, slots=True)
class WordSets:
    """The SCOWL sets a pairing decision looks at."""

    american_only: frozenset[str]
    british_only: frozenset[str]
    oxford: frozenset[str]
    common: frozenset[str]


def anywhere(word: str, index: int, fragment: str, sets: WordSets) -> bool:
    return True


def ize_suffix(word: str, index: int, fragment: str, sets: WordSets) -> bool:
    """-iz-/-yz- as a verb suffix: at least three letters before it, a vowel after it.

    Keeps wizen, seizin, vizard and the like out of the table.
    """
    return index >= 3 and word[index + 2 : index + 3] in ("e", "a", "i")


def root_pairs_too(word: str, index: int, fragment: str, sets: WordSets) -> bool:
    """colorful -> colourful only because color -> colour: a root must pair on its own.

    The root ends at the rewritten "or"/"er" and may follow a prefix (unfavorable, uncolored).
    Stops edits deep inside unrelated words (performative, borage, poringly).
    """
    end = index + 2  # just past the "or" or "er" the rule rewrites
    british_ending = "our" if fragment.startswith("or") else "re"
    return any(
        word[start:end] in sets.american_only
        and word[start:index] + british_ending in sets.british_only
        for start in range(0, end - 3)
    )


def re_root(word: str, index: int, fragment: str, sets: WordSets) -> bool:
    """-er -> -re only after the consonants that British -re words have (centre, fibre, ochre)."""
    return index >= 3 and word[index - 1] in "tbvgh" and root_pairs_too(word, index, fragment, sets)


def medial_e(word: str, index: int, fragment: str, sets: WordSets) -> bool:
    """e -> ae/oe inside a stem (anaemia, oestrogen, diarrhoea), never in an ending.

    Without this, Latin plurals and -oes forms pair wrongly: glebe -> glebae, mantes -> mantoes.
    """
    if len(word) < MIN_AE_OE_WORD:
        return False  # bel, esc, eros, tels: short words pair with unrelated ones
    before_ok = index == 0 or word[index - 1] not in VOWELS
    tail = word[index + 1 :]
    return before_ok and tail not in ("", "s", "d", "r", "rs") and not tail.startswith("e")


def between_vowels(word: str, index: int, fragment: str, sets: WordSets) -> bool:
    """l -> ll between vowels, as in modeling, labeled, chili, woolen."""
    return 0 < index < len(word) - 1 and word[index - 1] in VOWELS and word[index + 1] in VOWELS


PositionCheck = Callable[[str, int, str, WordSets], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """Replace one occurrence of ``american`` with ``british`` where ``where`` allows it."""

    american: str
    british: str
    category: str
    where: PositionCheck = anywhere


# Order matters only to break ties, which the lists almost never produce.
RULES = (
    Rule("iz", "is", "ize", ize_suffix),
    Rule("yz", "ys", "yse"),
    Rule("or", "our", "our", root_pairs_too),
    Rule("er", "re", "re", re_root),
    Rule("ered", "red", "re", re_root),
    Rule("ering", "ring", "re", re_root),
    Rule("og", "ogue", "ogue"),
    Rule("oged", "ogued", "ogue"),
    Rule("oging", "oguing", "ogue"),
    Rule("oger", "oguer", "ogue"),
    Rule("ense", "ence", "ence"),
    Rule("l", "ll", "ll", between_vowels),
    Rule("elry", "ellery", "ll"),
    Rule("ll", "l", "l"),
    Rule("dgment", "dgement", "ment"),
    Rule("e", "ae", "ae", medial_e),
    Rule("e", "oe", "oe", medial_e),
    Rule("neuver", "noeuvre", "oe"),
    Rule("neuvers", "noeuvres", "oe"),
    Rule("neuvered", "noeuvred", "oe"),
    Rule("neuvering", "noeuvring", "oe"),
    Rule("neuvera", "noeuvra", "oe"),
    Rule("aluminum", "aluminium", "other"),
    Rule("gray", "grey", "other"),
    Rule("aging", "ageing", "other"),
    Rule("tifact", "tefact", "other"),
    Rule("plow", "plough", "other"),
    Rule("mold", "mould", "other"),
    Rule("smolder", "smoulder", "other"),
    Rule("molt", "moult", "other"),
    Rule("sulf", "sulph", "other"),
    Rule("coz", "cos", "other"),
    Rule("skep", "scep", "other"),
    Rule("mustach", "moustach", "other"),
    Rule("llusk", "llusc", "other"),
    Rule("pajama", "pyjama", "other"),
    Rule("checker", "chequer", "other"),
    Rule("checkbook", "chequebook", "other"),
    Rule("draft", "draught", "other"),
    Rule("worship", "worshipp", "other"),
    Rule("kidnap", "kidnapp", "other"),
    Rule("able", "eable", "other"),
    # Words of their own whose British spelling differs by more than an ending; each pair is
    # taken only where SCOWL lists the result as British-only.
    Rule("alk", "aulk", "other"),  # balk, calk
    Rule("oov", "ov", "other"),  # behoove
    Rule("owz", "ows", "other"),  # blowzy
    Rule("brier", "briar", "other"),
    Rule("caftan", "kaftan", "other"),
    Rule("retor", "rettor", "other"),  # carburetor
    Rule("netist", "nettist", "other"),  # clarinetist
    Rule("crosier", "crozier", "other"),
    Rule("czar", "tsar", "other"),
    Rule("dryly", "drily", "other"),
    Rule("flier", "flyer", "other"),
    Rule("flutist", "flautist", "other"),
    Rule("fogy", "fogey", "other"),
    Rule("fogies", "fogeys", "other"),
    Rule("forgath", "foregath", "other"),
    Rule("furor", "furore", "other"),
    Rule("glycerin", "glycerine", "other"),
    Rule("gobbledygook", "gobbledegook", "other"),
    Rule("groin", "groyn", "other"),
    Rule("hankie", "hanky", "other"),
    Rule("lasagna", "lasagne", "other"),
    Rule("licorice", "liquorice", "other"),
    Rule("meow", "miaow", "other"),
    Rule("myna", "mynah", "other"),
    Rule("numskull", "numbskull", "other"),
    Rule("omelet", "omelette", "other"),
    Rule("organdy", "organdie", "other"),
    Rule("peddler", "pedlar", "other"),
    Rule("phony", "phoney", "other"),
    Rule("phonies", "phoneys", "other"),
    Rule("preterit", "preterite", "other"),
    Rule("ruble", "rouble", "other"),
    Rule("slier", "slyer", "other"),
    Rule("sliest", "slyest", "other"),
    Rule("thruway", "throughway", "other"),
    Rule("tidbit", "titbit", "other"),
    Rule("tumbrel", "tumbril", "other"),
    Rule("whir", "whirr", "other"),
    Rule("whiz", "whizz", "other"),
    Rule("epaulet", "epaulette", "other"),
    Rule("dentin", "dentine", "other"),
    Rule("chaperon", "chaperone", "other"),
    Rule("airfoil", "aerofoil", "other"),
    Rule("ambiance", "ambience", "other"),
    Rule("abettor", "abetter", "other"),
)
# Two rules at once are tried only when one of them is -ize/-yze (colorize -> colourise) or
# the pair is a known compound change. Other pairs of edits found nonsense.
TWO_RULE_COMBINATIONS = {
    frozenset({"ize", "our"}),
    frozenset({"ize", "re"}),
    frozenset({"ize", "ll"}),
    frozenset({"ize", "l"}),
    frozenset({"ize", "ae"}),
    frozenset({"ize", "oe"}),
    frozenset({"ize", "other"}),
    frozenset({"yse", "ae"}),
    frozenset({"yse", "oe"}),
}
# Rules whose British result may be a word of every dialect: analyzes -> analyses (which is
# also the plural of analysis), analog -> analogue, likable -> likeable.
RULES_ALLOWING_COMMON_RESULT = frozenset({"yz", "og", "able"})
# Capitalised-only words pair for -ize/-yze alone (Americanize -> Americanise); other rules
# turn names into other names (Beria, Idea, Timor).
CATEGORIES_FOR_CAPITALISED = frozenset({"ize", "yse"})

IZE_FAMILY = re.compile(r"^(?P<stem>.+)iz(?:e|es|ed|ing|er|ers|ation|ations|able)$")


@dataclass(frozen=True, slots=True, order=True)
class Pair:
    american: str
    british: str
    category: str
    oxford: str


def read_word_file(path: Path) -> list[str]:
    """Words of one SCOWL list; some are UTF-8, older ones ISO-8859-1."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("iso-8859-1")
    return [line.strip() for line in text.splitlines() if line.strip()]


class Scowl:
    """The SCOWL lists of one directory, read on demand."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def words(self, dialect: str, max_level: int, kinds: Iterable[str] = ("words",)) -> set[str]:
        found: set[str] = set()
        for kind in kinds:
            for level in SCOWL_LEVELS:
                if level > max_level:
                    break
                path = self.directory / f"{dialect}-{kind}.{level}"
                if path.is_file():
                    found.update(read_word_file(path))
        return found


def replacements(word: str, rule: Rule, sets: WordSets) -> Iterator[str]:
    """Every word made by applying ``rule`` once, at each place it is allowed."""
    start = word.find(rule.american)
    while start >= 0:
        if rule.where(word, start, rule.american, sets):
            yield word[:start] + rule.british + word[start + len(rule.american) :]
        start = word.find(rule.american, start + 1)


def one_rule_candidates(word: str, sets: WordSets) -> Iterator[tuple[str, Rule]]:
    for rule in RULES:
        for candidate in replacements(word, rule, sets):
            yield candidate, rule


def pair_word(american: str, sets: WordSets) -> Pair | None:
    """The British partner of an American-only word, or None when no rule finds one."""
    for candidate, rule in one_rule_candidates(american, sets):
        allowed = candidate in sets.british_only or (
            rule.american in RULES_ALLOWING_COMMON_RESULT and candidate in sets.common
        )
        if allowed:
            oxford = american if rule.category == "ize" else candidate
            return Pair(american, candidate, rule.category, oxford)
    for first, first_rule in one_rule_candidates(american, sets):
        for candidate, second_rule in one_rule_candidates(first, sets):
            categories = frozenset({first_rule.category, second_rule.category})
            if candidate not in sets.british_only or categories not in TWO_RULE_COMBINATIONS:
                continue
            # Oxford spelling keeps the z and makes only the other change.
            other = second_rule if first_rule.category in ("ize", "yse") else first_rule
            oxford = candidate
            if "ize" in categories:
                oxford = next(
                    (c for c in replacements(american, other, sets) if c in sets.oxford),
                    candidate,
                )
            return Pair(american, candidate, other.category, oxford)
    return None


def load_rules(path: Path) -> tuple[list[Pair], set[str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    additions = []
    for american, british, category in data.get("add", {}).get("rows", []):
        if category not in CATEGORIES:
            raise ValueError(f"{path.name}: unknown category {category!r} for {american!r}")
        oxford = american if category == "ize" else british
        additions.append(Pair(american, british, category, oxford))
    exclusions = set(data.get("exclude", {}).get("words", []))
    return additions, exclusions


def build_table(scowl: Scowl, max_level: int, rules_file: Path) -> list[Pair]:
    american_all = scowl.words("american", 95, ("words", "upper"))
    british_all = scowl.words("british", 95, ("words", "upper"))
    # A word that British (-ise) spelling also uses is never American-only (dialog).
    american_words = scowl.words("american", max_level) - british_all
    american_capitalised = scowl.words("american", max_level, ("upper",)) - british_all
    sets = WordSets(
        american_only=frozenset(american_all - british_all),
        british_only=frozenset(british_all - american_all),
        oxford=frozenset(scowl.words("british_z", 95, ("words", "upper"))),
        common=frozenset(scowl.words("english", 95)),
    )
    additions, exclusions = load_rules(rules_file)
    pairs: dict[str, Pair] = {}
    unpaired = 0
    for american in sorted(american_words | american_capitalised):
        # Possessives are not listed: the engine keeps any 's as written.
        if "'" in american or american.lower() in exclusions:
            continue
        pair = pair_word(american, sets)
        if (
            pair
            and american in american_capitalised
            and pair.category not in CATEGORIES_FOR_CAPITALISED
        ):
            pair = None
        if pair is None:
            unpaired += 1
            continue
        pairs[american] = pair
    for pair in additions:
        pairs[pair.american] = pair
    LOG.info(
        "%d American-only words up to level %d: %d paired, %d left unpaired, %d curated",
        len(american_words | american_capitalised),
        max_level,
        len(pairs) - len(additions),
        unpaired,
        len(additions),
    )
    return sorted(pairs.values(), key=lambda pair: (pair.american.lower(), pair.american))


# Prefixes that build a new -ize word on a root without changing its spelling (resize, unseize).
IZE_ROOT_PREFIXES = frozenset(
    {"de", "down", "equi", "fore", "mid", "mis", "multi", "non", "out", "over", "re", "super",
     "un", "under", "uni", "up", "vari"}
)  # fmt: skip


def every_dialect_ize(scowl: Scowl) -> list[str]:
    """-ize words and stems that British -ise spelling keeps: size, prize, seize, synthesizer...

    Every -ize form in the common lists up to a low level is kept as it is (including the few
    where British usage keeps a z, such as synthesizer and ionizer). Its bare -ize words are
    roots (size, prize, seize, capsize...), and a common -ize stem at any level joins them
    when it is such a root after a prefix or another common word (resize, pintsize), but not
    when the root is only its last letters (biosynthesize and emphasize become -ise).
    """
    common = {w.lower() for w in scowl.words("english", 95)}

    def stems(words: Iterable[str]) -> set[str]:
        found = set()
        for word in words:
            match = IZE_FAMILY.match(word)
            if match and "'" not in word:
                found.add(match["stem"] + "ize")
        return found

    low_level = {
        w.lower()
        for w in scowl.words("english", EVERY_DIALECT_IZE_LEVEL)
        if IZE_FAMILY.match(w.lower())
    }
    roots = {w for w in low_level if w.endswith("ize")}
    everywhere = low_level | roots
    # Shortest first, so that unsize is known before a longer word built on it.
    for stem in sorted(stems(common) - everywhere, key=lambda stem: (len(stem), stem)):
        for split in range(2, len(stem) - 3):
            head, tail = stem[:split], stem[split:]
            if tail in roots and (head in IZE_ROOT_PREFIXES or head in common):
                roots.add(stem)
                everywhere.add(stem)
                break
    return sorted(everywhere)


def british_known_words(scowl: Scowl, max_level: int, table: list[Pair]) -> list[str]:
    """British spellings an American dictionary lacks, for the typo checker to accept."""
    american_all = {w.lower() for w in scowl.words("american", 95, ("words", "upper"))}
    words = {
        w.lower()
        for dialect in ("british", "british_z")
        for w in scowl.words(dialect, max_level, ("words", "upper"))
    }
    words.update(pair.british.lower() for pair in table)
    words.update(pair.oxford.lower() for pair in table)
    return sorted(w for w in words - american_all if "'" not in w)


def everyday_words(scowl: Scowl) -> list[str]:
    """Lower-case words of every dialect that pyspellchecker's English list lacks."""
    from spellchecker import SpellChecker  # the typo checker's own list, to ship only the rest

    known = SpellChecker(language="en", distance=1).word_frequency.dictionary
    words = scowl.words("english", EVERYDAY_LEVEL) | scowl.words(
        "english", ABBREVIATION_LEVEL, ("abbreviations",)
    )
    return sorted(
        {w for w in words if w.isalpha() and w.isascii() and w.islower() and w not in known}
    )


def scowl_version() -> str:
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "scowl"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip() or "unknown"


def licence_notice(version: str, copyright_file: Path) -> str:
    header = (
        "The files british.tsv, ize-everywhere.txt, british-words.txt and english-words.txt\n"
        "in this folder were generated by tools/build_spelling_table.py from the SCOWL word\n"
        "lists (Spell Checker Oriented Word Lists) of Debian's scowl package, version\n"
        f"{version}.\n"
        "SCOWL's copyright and permission notice follows, as its licence requires.\n"
        "\n"
    )
    if copyright_file.is_file():
        body = copyright_file.read_text(encoding="utf-8", errors="replace")
    else:
        LOG.warning("%s not found; writing a short notice only", copyright_file)
        body = (
            "SCOWL is Copyright 2000-2011 by Kevin Atkinson and others; see its README.\n"
            "Permission to use, copy, modify, distribute and sell these word lists, the\n"
            "associated scripts, the output created from the scripts, and its documentation\n"
            "for any purpose is hereby granted without fee, provided that the above copyright\n"
            "notice appears in all copies and that both that copyright notice and this\n"
            "permission notice appear in supporting documentation.\n"
        )
    return header + body.rstrip() + "\n"


def render(scowl: Scowl, max_level: int, rules_file: Path, copyright_file: Path) -> dict[str, str]:
    """File name -> content of every generated file."""
    version = scowl_version()
    table = build_table(scowl, max_level, rules_file)
    header = (
        f"# Generated by tools/build_spelling_table.py from scowl {version}, "
        f"levels up to {max_level}. Do not edit: change the script or spelling_rules.toml.\n"
        "# american\tbritish\tcategory\toxford\n"
    )
    rows = "".join(f"{p.american}\t{p.british}\t{p.category}\t{p.oxford}\n" for p in table)
    generated = f"# Generated by tools/build_spelling_table.py from scowl {version}.\n"
    return {
        TABLE_FILE: header + rows,
        IZE_EVERYWHERE_FILE: generated + "".join(f"{w}\n" for w in every_dialect_ize(scowl)),
        BRITISH_WORDS_FILE: generated
        + "".join(f"{w}\n" for w in british_known_words(scowl, max_level, table)),
        ENGLISH_WORDS_FILE: generated + "".join(f"{w}\n" for w in everyday_words(scowl)),
        LICENCE_FILE: licence_notice(version, copyright_file),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scowl-dir", type=Path, default=DEFAULT_SCOWL_DIR)
    parser.add_argument(
        "--max-level",
        type=int,
        default=DEFAULT_MAX_LEVEL,
        choices=SCOWL_LEVELS,
        help=f"largest SCOWL size level of American words to pair (default {DEFAULT_MAX_LEVEL})",
    )
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR)
    parser.add_argument("--rules", type=Path, default=DEFAULT_RULES_FILE)
    parser.add_argument("--copyright-file", type=Path, default=SCOWL_LICENCE_SOURCE)
    add_check_option(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    if not (args.scowl_dir / "american-words.10").is_file():
        LOG.error("no SCOWL word lists in %s (apt-get install scowl)", args.scowl_dir)
        return 2
    files = render(Scowl(args.scowl_dir), args.max_level, args.rules, args.copyright_file)
    tool = "tools/build_spelling_table.py"
    return write_or_check(files, args.output_dir, check=args.check, tool=tool)


if __name__ == "__main__":
    sys.exit(main())
