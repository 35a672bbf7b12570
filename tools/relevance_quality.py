"""How well the relevance engine finds a draft's own topic: precision@3 and MRR on the test
vault's clusters of notes (tests/relevance/vault, clusters in tests/relevance/clusters.json).

    python tools/relevance_quality.py [--limit 10]

For each draft: the share of its three most related notes that are in its cluster
(precision@3; the other draft of the cluster counts), and the reciprocal rank of the first
one that is (MRR is their mean). tests/relevance/test_quality.py holds each draft to
precision@3 >= 2/3.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

VAULT = REPO / "tests" / "relevance" / "vault"
CLUSTERS = REPO / "tests" / "relevance" / "clusters.json"

if TYPE_CHECKING:
    from blog_lsp.relevance.engine import Weights


@dataclass(frozen=True)
class DraftQuality:
    draft: str
    cluster: str
    ranked: tuple[str, ...]  # the related notes' paths, best first
    relevant: frozenset[str]

    @property
    def precision_at_3(self) -> float:
        return sum(path in self.relevant for path in self.ranked[:3]) / 3

    @property
    def reciprocal_rank(self) -> float:
        rank = next((n for n, path in enumerate(self.ranked, 1) if path in self.relevant), None)
        return 1 / rank if rank else 0.0


def evaluate(
    vault_root: Path = VAULT, limit: int = 10, weights: Weights | None = None
) -> list[DraftQuality]:
    """The related notes of every draft of the vault, against its cluster."""
    from blog_lsp.relevance.engine import DEFAULT_WEIGHTS, related_notes
    from blog_lsp.vault.vault import Vault

    clusters: dict[str, list[str]] = json.loads(CLUSTERS.read_text(encoding="utf-8"))["clusters"]
    vault = Vault.open(vault_root, editor_settings={"cache": False})
    results = []
    for cluster, members in clusters.items():
        for draft in (path for path in members if path.startswith("Tweets/")):
            note = vault.load(draft)
            found = related_notes(vault, note, limit, weights or DEFAULT_WEIGHTS)
            ranked = tuple(item.path for item in found)
            relevant = frozenset(members) - {draft}
            results.append(DraftQuality(draft, cluster, ranked, relevant))
    return results


def means(results: list[DraftQuality]) -> tuple[float, float]:
    """Mean precision@3 and MRR."""
    count = len(results) or 1
    return (
        sum(found.precision_at_3 for found in results) / count,
        sum(found.reciprocal_rank for found in results) / count,
    )


def report(results: list[DraftQuality]) -> str:
    lines = [f"{'P@3':>5} {'RR':>5}  draft (cluster)"]
    for found in results:
        lines.append(
            f"{found.precision_at_3:5.2f} {found.reciprocal_rank:5.2f}  "
            f"{found.draft} ({found.cluster})"
        )
    precision, mrr = means(results)
    lines.append(f"mean precision@3 {precision:.3f}, MRR {mrr:.3f} over {len(results)} drafts")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()
    print(report(evaluate(limit=args.limit)))
    from blog_lsp.relevance.engine import Weights

    for name, alone in (
        ("words", Weights(1, 0, 0)),
        ("tags", Weights(0, 1, 0)),
        ("links", Weights(0, 0, 1)),
    ):
        precision, mrr = means(evaluate(limit=args.limit, weights=alone))
        print(f"{name} alone: mean precision@3 {precision:.3f}, MRR {mrr:.3f}")


if __name__ == "__main__":
    main()
