"""Accuracy on real writing (issue 13), measured on technical posts written for these tests.

``real_text/american/`` holds posts in American English: every American spelling in their prose
is labelled by hand in ``real_text/labels.tsv`` with its British form, and so are the few typos
planted in them. ``real_text/british/`` holds posts in British English, with the names, cited
titles, quotations, code and markup that real posts have: nothing in their prose is an American
spelling to fix, and nothing is a typo. Both kinds have frontmatter, headings, bold labels,
Title Case list items, tables, callouts, footnotes, HTML and links.

Each post is checked on its own, in a vault of one note, so that no other note vouches for its
words. Run with ``-rA`` (or ``-s``) to see the figures.

The targets are the issue's: recall >= 99 %, exact fix >= 99 %, precision >= 99.5 % for
``british-spelling``; <= 0.5 false British flags per 10,000 words of British prose; <= 1 typo
alarm per 1,000 words of clean prose. Where VarCon is beside the repository, a second test checks
the labels against it: no American form in the American posts is left unlabelled, and none is in
the British posts at all.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from varcon_oracle import load_varcon_or_skip

from blog_lsp.checks import CheckContext, check_note
from blog_lsp.findings import Finding
from blog_lsp.spelling.words import WORD, split_apostrophe
from blog_lsp.vault.model import Note
from blog_lsp.vault.vault import Vault

REAL_TEXT = Path(__file__).resolve().parent / "real_text"
AMERICAN = "american"
BRITISH = "british"

RECALL_TARGET = 0.99
EXACT_FIX_TARGET = 0.99
PRECISION_TARGET = 0.995
FALSE_BRITISH_PER_10K_TARGET = 0.5
TYPO_ALARMS_PER_1K_TARGET = 1.0
# Planted typos must still be found: an alarm rate of zero proves nothing on its own.
TYPO_RECALL_FLOOR = 0.9
SMALLEST_SET = {AMERICAN: 20, BRITISH: 15}
FEWEST_WORDS = 25_000  # prose words; the files hold over 30,000 words with code and markup

Place = tuple[str, int, int]  # post, line, column (both from 1)


@dataclass(frozen=True)
class Label:
    word: str
    fix: str
    code: str


@dataclass
class Checked:
    """Every post's findings and prose words."""

    findings: dict[str, list[Finding]] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)

    def posts(self, kind: str) -> list[str]:
        return [post for post in self.findings if post.startswith(kind + "/")]

    def found(self, kind: str, code: str) -> dict[Place, Finding]:
        return {
            (post, item.range.start.line + 1, item.range.start.character + 1): item
            for post in self.posts(kind)
            for item in self.findings[post]
            if item.code == code
        }

    def word_count(self, kind: str | None = None) -> int:
        return sum(n for post, n in self.words.items() if kind is None or post.startswith(kind))


def read_labels() -> dict[Place, Label]:
    labels: dict[Place, Label] = {}
    text = (REAL_TEXT / "labels.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        post, row, column, word, fix, code = line.split("\t")
        labels[post, int(row), int(column)] = Label(word, fix, code)
    return labels


def read_exclusions() -> dict[str, set[str]]:
    """Post -> words that look American to VarCon but are right where they stand (names,
    cited titles, quotations, senses that British English shares)."""
    excluded: dict[str, set[str]] = {}
    text = (REAL_TEXT / "exclusions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        post, word, _reason = line.split("\t")
        excluded.setdefault(post, set()).add(word)
    return excluded


def _check_alone(source: Path, root: Path) -> tuple[list[Finding], Note]:
    """Check one post in a vault of its own."""
    root.mkdir(parents=True)
    (root / ".obsidian").mkdir()
    shutil.copyfile(source, root / source.name)
    vault = Vault.open(root)
    note = vault.load(source.name)
    return check_note(note, CheckContext(vault)), note


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    result = Checked()
    scratch = tmp_path_factory.mktemp("real-text")
    for kind in (AMERICAN, BRITISH):
        for source in sorted((REAL_TEXT / kind).glob("*.md")):
            post = f"{kind}/{source.name}"
            findings, note = _check_alone(source, scratch / kind / source.stem)
            result.findings[post] = findings
            result.notes[post] = note
            result.words[post] = len(WORD.findall(note.prose or ""))
    return result


def _per(count: int, words: int, unit: int) -> float:
    return count * unit / max(words, 1)


def _show(title: str, places: Iterator[tuple[Place, str]]) -> None:
    shown = list(places)
    print(f"{title}: {len(shown)}")
    for (post, line, column), what in shown[:40]:
        print(f"  {post}:{line}:{column}: {what}")


def test_the_set_is_large_enough(checked: Checked) -> None:
    for kind, smallest in SMALLEST_SET.items():
        assert len(checked.posts(kind)) >= smallest
    assert checked.word_count() >= FEWEST_WORDS


def test_british_spelling_on_real_writing(checked: Checked) -> None:
    labels = read_labels()
    expected = {place: label for place, label in labels.items() if label.code == "british-spelling"}
    found_american = checked.found(AMERICAN, "british-spelling")
    found_british = checked.found(BRITISH, "british-spelling")
    hits = {place: found_american[place] for place in expected if place in found_american}
    exact = [place for place, item in hits.items() if item.fix == expected[place].fix]
    wrong_place = {p: i for p, i in found_american.items() if p not in expected}

    recall = len(hits) / len(expected)
    exact_fix = len(exact) / max(len(hits), 1)
    reported = len(found_american) + len(found_british)
    precision = len(hits) / max(reported, 1)
    british_words = checked.word_count(BRITISH)
    false_british = _per(len(found_british), british_words, 10_000)
    print(
        f"american-spelling recall {recall:.2%} ({len(hits)}/{len(expected)}), "
        f"exact fix {exact_fix:.2%}, precision {precision:.2%}; "
        f"false British flags {false_british:.2f} per 10,000 words "
        f"({len(found_british)} in {british_words:,} words of British prose)"
    )
    _show("missed", ((p, f"{label.word} -> {label.fix}") for p, label in expected.items()
                     if p not in hits))  # fmt: skip
    _show("other fix", ((p, f"{i.data['word']} -> {i.fix}, not {expected[p].fix}")
                        for p, i in hits.items() if p not in exact))  # fmt: skip
    _show("unlabelled in American posts", ((p, i.message) for p, i in wrong_place.items()))
    _show("flagged in British posts", ((p, i.message) for p, i in found_british.items()))
    assert recall >= RECALL_TARGET
    assert exact_fix >= EXACT_FIX_TARGET
    assert precision >= PRECISION_TARGET
    assert false_british <= FALSE_BRITISH_PER_10K_TARGET


def test_typo_alarms_on_real_writing(checked: Checked) -> None:
    planted = {place for place, label in read_labels().items() if label.code == "spelling"}
    found = {**checked.found(AMERICAN, "spelling"), **checked.found(BRITISH, "spelling")}
    alarms = {place: item for place, item in found.items() if place not in planted}
    caught = planted & found.keys()
    words = checked.word_count()
    rate = _per(len(alarms), words, 1_000)
    print(
        f"typo alarms {rate:.2f} per 1,000 words ({len(alarms)} in {words:,} words); "
        f"planted typos found {len(caught)}/{len(planted)}"
    )
    _show("alarms", ((p, i.data["word"]) for p, i in sorted(alarms.items())))
    assert rate <= TYPO_ALARMS_PER_1K_TARGET
    assert len(caught) / len(planted) >= TYPO_RECALL_FLOOR


def test_style_hints_on_real_writing_are_few(checked: Checked) -> None:
    """Hints are preferences (while -> whilst); British posts that already follow the style
    guide get almost none."""
    hints = checked.found(BRITISH, "british-style")
    _show("style hints in British posts", ((p, i.message) for p, i in hints.items()))
    assert _per(len(hints), checked.word_count(BRITISH), 10_000) <= 2


def test_no_american_form_is_left_unlabelled(checked: Checked) -> None:
    """VarCon as the oracle: every word of the posts' prose it spells differently in British
    English is labelled (American posts) or a deliberate exception (names, titles, quotations).
    The labels' British forms agree with VarCon's wherever it has one."""
    varcon = load_varcon_or_skip()
    labels = read_labels()
    excluded = read_exclusions()
    british = varcon.british | varcon.rare_british
    unlabelled: list[tuple[Place, str]] = []
    disagreeing: list[tuple[Place, str]] = []
    for post, note in checked.notes.items():
        prose = note.prose or ""
        assert note.lines is not None
        for match in WORD.finditer(prose):
            head, _ = split_apostrophe(match.group())
            oracle = varcon.pairs.get(head) or varcon.pairs.get(head.lower())
            if oracle is None or head in british or head.lower() in british:
                continue
            position = note.lines.position(match.start())
            place = (post, position.line + 1, position.character + 1)
            label = labels.get(place)
            if label is None:
                if head not in excluded.get(post, set()):
                    unlabelled.append((place, f"{head} -> {oracle}"))
            elif label.fix.lower() != oracle.lower():
                disagreeing.append((place, f"{head}: labelled {label.fix}, VarCon {oracle}"))
    _show("American forms not labelled", iter(unlabelled))
    _show("labels VarCon spells otherwise", iter(disagreeing))
    assert unlabelled == []
    assert disagreeing == []
