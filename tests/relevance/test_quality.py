"""Related notes on a vault of five topics (tests/relevance/vault): each of the ten drafts
finds its own topic (precision@3 >= 2/3), from its words alone too; notes on no topic stay
out. `python tools/relevance_quality.py` prints the numbers."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from blog_lsp.relevance.engine import Weights

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "relevance_quality", REPO / "tools" / "relevance_quality.py"
)
assert _spec is not None and _spec.loader is not None
quality = importlib.util.module_from_spec(_spec)
sys.modules["relevance_quality"] = quality
_spec.loader.exec_module(quality)

CLUSTERS = json.loads(quality.CLUSTERS.read_text(encoding="utf-8"))["clusters"]
DRAFTS = [path for members in CLUSTERS.values() for path in members if path.startswith("Tweets/")]
UNRELATED = {"Daily/2025-03-14.md", "Notes/Reading List.md"}


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    return {found.draft: found for found in quality.evaluate()}


def test_there_are_ten_drafts_in_five_clusters():
    assert len(DRAFTS) == 10 and len(CLUSTERS) == 5
    assert all((quality.VAULT / path).is_file() for path in DRAFTS)


@pytest.mark.parametrize("draft", DRAFTS)
def test_each_draft_finds_its_own_topic(results, draft):
    found = results[draft]
    assert found.precision_at_3 >= 2 / 3, found.ranked[:3]
    assert not UNRELATED & set(found.ranked[:3])


def test_the_mean_precision_and_mrr(results, capsys):
    precision, mrr = quality.means(list(results.values()))
    with capsys.disabled():
        print(f"\nrelevance: mean precision@3 {precision:.3f}, MRR {mrr:.3f}")
    assert precision >= 0.9 and mrr >= 0.9


def test_words_alone_find_most_topics():
    words = quality.evaluate(weights=Weights(1, 0, 0))
    assert sum(found.precision_at_3 >= 2 / 3 for found in words) >= 9
