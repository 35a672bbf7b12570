"""jargon-undefined: an acronym in a draft's prose is spelled out at its first use; known
acronyms, titles, headings, code and notes that are not drafts are left alone; and on the
real-text set of blog posts it stays rare."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from blog_lsp.checks import CheckContext, check_note
from blog_lsp.checks.jargon import check_jargon
from blog_lsp.findings import Severity
from blog_lsp.settings import Settings
from blog_lsp.vault.vault import Vault

REAL_TEXT = Path(__file__).resolve().parents[1] / "spelling" / "real_text"
HEAD = "---\ntype: Blog\ntitle: Fine-tuning With PEFT\n---\n\n# Fine-tuning With PEFT\n\n"


def hints(text: str, path: str = "Tweets/Post.md", **settings: object) -> list[tuple[str, int]]:
    """(acronym, line) of each jargon-undefined finding of a note with this text."""
    vault = Vault(Path("/nonexistent"), Settings(**settings))  # type: ignore[arg-type]
    note = vault.load(path, text)
    return [
        (found.data["acronym"], found.range.start.line)
        for found in check_jargon(note, CheckContext(vault))
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Parameter-Efficient Fine-Tuning (PEFT) trains few weights. PEFT is cheap.\n",
        "PEFT (Parameter-Efficient Fine-Tuning) trains few weights. PEFT is cheap.\n",
        "We use parameter-efficient fine-tuning (PEFT). Later, PEFT again.\n",
        "PEFT stands for parameter-efficient fine-tuning; PEFT trains few weights.\n",
        "PEFT, short for parameter-efficient fine-tuning, trains few weights.\n",
        "The key-value (KV) cache grows. The KV cache is paged.\n",
        "Several large language models (LLMs) and APIs.\n",  # known: LLM, API
        "It does NOT work, and you should NEVER do it. See part II.\n",  # emphasis, numerals
        "Run `RAG_MODE=1 make`; see [[RAG Notes]].\n\n```text\nRAG\n```\n",  # not prose
        "An A100 or an H100, and the postcode SW1A 1AA.\n",  # not acronyms
    ],
)
def test_spelled_out_known_or_not_prose_gives_no_hint(body):
    assert hints(HEAD + body) == []


def test_an_acronym_never_spelled_out_gets_one_hint_at_its_first_use():
    text = HEAD + "We start with RAG.\n\nRAG again, and RAG once more. FP16 weights.\n"
    assert hints(text) == [("RAG", 7), ("FP16", 9)]
    vault = Vault(Path("/nonexistent"))
    (found, *_) = check_jargon(vault.load("Tweets/Post.md", text), CheckContext(vault))
    assert found.code == "jargon-undefined" and found.severity == Severity.HINT
    assert '"RAG" is never spelled out' in found.message
    assert found.range.end.character - found.range.start.character == 3


def test_an_acronym_used_before_it_is_spelled_out_gets_a_hint_there():
    text = HEAD + "RLHF shapes behaviour.\n\nReinforcement learning from human feedback (RLHF).\n"
    assert hints(text) == [("RLHF", 7)]
    vault = Vault(Path("/nonexistent"))
    (found,) = check_jargon(vault.load("Tweets/Post.md", text), CheckContext(vault))
    assert "used before it is spelled out (on line 10)" in found.message


def test_plurals_count_as_the_acronym():
    assert hints(HEAD + "Many SLMs run locally.\n") == [("SLM", 7)]
    assert hints(HEAD + "Small language models (SLMs) run locally. SLMs are cheap.\n") == []


def test_a_parenthesis_that_does_not_abbreviate_is_no_definition():
    assert hints(HEAD + "We tried a new thing (HNSW). HNSW was fast.\n") == [("HNSW", 7)]


def test_uses_in_the_title_and_headings_do_not_count():
    text = HEAD + "## Why RAG\n\nRetrieval-augmented generation (RAG) helps.\n"
    assert hints(text) == []


def test_known_acronyms_are_a_setting():
    text = HEAD + "The GPU and the PEFT library.\n"
    assert hints(text) == [("PEFT", 7)]
    assert hints(text, known_acronyms=["PEFT"]) == [("GPU", 7)]


def test_only_drafts_are_checked():
    assert hints("# Notes\n\nRAG and PEFT.\n", path="Notes/Plain.md") == []
    assert hints("# Notes\n\nRAG and PEFT.\n", path="Tweets/Draft.md") == [
        ("RAG", 2),
        ("PEFT", 2),
    ]


def test_the_rule_is_registered_and_can_be_turned_off():
    vault = Vault(Path("/nonexistent"))
    note = vault.load("Tweets/Post.md", HEAD + "RAG.\n")
    assert "jargon-undefined" in {found.code for found in check_note(note, CheckContext(vault))}
    quiet = Vault(Path("/nonexistent"), Settings(rules={"jargon-undefined": "off"}))
    note = quiet.load("Tweets/Post.md", HEAD + "RAG.\n")
    assert "jargon-undefined" not in {f.code for f in check_note(note, CheckContext(quiet))}


def test_real_blog_posts_get_few_hints(tmp_path, capsys):
    """The real-text set, every post checked as a draft: about one hint per thousand words,
    each an acronym the post never spells out (RAG, KV, RLHF...), none for a postcode or a
    standard everybody knows."""
    root = tmp_path / "vault"
    (root / "Tweets").mkdir(parents=True)
    for post in sorted(REAL_TEXT.glob("*/*.md")):
        shutil.copy(post, root / "Tweets" / post.name)
    vault = Vault(root)
    context = CheckContext(vault)
    words = 0
    found: list[str] = []
    for post in sorted((root / "Tweets").glob("*.md")):
        note = vault.load(f"Tweets/{post.name}")
        words += len(re.findall(r"\w+", note.prose or ""))
        found.extend(item.data["acronym"] for item in check_jargon(note, context))
    per_thousand = 1000 * len(found) / words
    with capsys.disabled():
        print(f"\njargon-undefined: {len(found)} hints in {words:,} words ({per_thousand:.2f}/1k)")
    assert words > 20_000
    assert per_thousand <= 1.5
    assert not {"SW1A", "ISO", "JSON", "GPU", "API", "NOT"} & set(found)
    assert {"RAG", "KV", "RLHF"} <= set(found)


@pytest.mark.parametrize(
    "body",
    [
        "Get the code here: [LINK]. Written by [NAME]\n",  # a template's blanks
        "Instead of adding positions, it ROTATES the word vectors.\n",  # emphasis
        "Safety suites such as HARM\u2011bench and RealToxicity.\n",  # part of a name
    ],
)
def test_blanks_emphasis_and_parts_of_names_are_not_acronyms(body: str) -> None:
    assert hints(HEAD + body) == []


@pytest.mark.parametrize(
    ("body", "acronym"),
    [
        ("See [RAG](https://example.com/rag) for retrieval.\n", "RAG"),  # a link's text
        ("The HELM scores are out.\n", "HELM"),  # a short word in capitals: an acronym
        ("Quantise with GPTQ\u2011style rounding, then GPTQ again.\n", "GPTQ"),
    ],
)
def test_links_short_capitals_and_later_plain_uses_are_still_acronyms(
    body: str, acronym: str
) -> None:
    assert [found for found, _ in hints(HEAD + body)] == [acronym]
