"""Benchmark the core: index a synthetic vault cold, check a 5,000-word draft, peak memory.

    python benchmarks/bench_core.py [--notes 10000] [--draft-words 5000] [--runs 5]

Each cold index runs in a fresh interpreter (imports included, page cache warm), so Python-level
caches cannot help. Reports min / median / max over the runs, so the machine's noise shows.
Targets (issue 2): check of a 5,000-word draft <= 25 ms; index of 10,000 notes <= 1.5 s;
peak memory <= 250 MB for 10,000 notes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_vault import fresh_runs, make_vault, spread, vault_arguments

COLD_INDEX = """
import json, resource, sys, time
started = time.perf_counter()
from blog_lsp.vault.vault import Vault
imported = time.perf_counter()
vault = Vault.open(__import__("pathlib").Path(sys.argv[1]))
done = time.perf_counter()
print(json.dumps({
    "import_s": imported - started,
    "index_s": done - imported,
    "notes": len(vault.notes),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def cold_index(root: Path, runs: int) -> list[dict[str, float]]:
    return fresh_runs(COLD_INDEX, root, runs)


def check_draft(root: Path, draft: Path, runs: int) -> tuple[list[float], int, int]:
    from blog_lsp.checks import CheckContext, check_note
    from blog_lsp.vault.vault import Vault

    vault = Vault.open(root)
    context = CheckContext(vault)
    relative = vault.relative(draft)
    text = draft.read_text(encoding="utf-8")
    # Warm up once: the spelling table, pyspellchecker and the vault vocabulary load lazily.
    findings = check_note(vault.load(relative, text), context)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        check_note(vault.load(relative, text), context)
        timings.append(time.perf_counter() - started)
    return timings, len(text.split()), len(findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    vault_arguments(parser)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        root = args.vault or Path(scratch) / "vault"
        draft = root / "Tweets" / "A Long Draft About Training Large Models.md"
        if not draft.exists():
            started = time.perf_counter()
            draft = make_vault(root, args.notes, args.draft_words)
            print(f"generated {args.notes:,} notes in {time.perf_counter() - started:.1f} s")

        index = cold_index(root, args.runs)
        print(f"index {index[0]['notes']:,} notes (cold, fresh process):")
        print("  imports:", spread([r["import_s"] for r in index], "ms", 1000))
        print("  parse and index:", spread([r["index_s"] for r in index], "s"), "(target 1.5 s)")
        print("  peak memory:", spread([r["peak_mb"] for r in index], "MB"), "(target 250 MB)")

        timings, words, findings = check_draft(root, draft, max(args.runs * 4, 20))
        print(f"check a {words:,}-word draft ({findings} findings), warm:")
        print("  full check:", spread(timings, "ms", 1000), "(target 25 ms)")
        print(f"  speed: {words / statistics.median(timings):,.0f} words/s at the median")


if __name__ == "__main__":
    main()
