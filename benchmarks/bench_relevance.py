"""Benchmark the relevance engine on a synthetic vault: building it, related notes for a
draft, the update after a keystroke, its memory; and, with --compare-libraries, BM25 by
rank-bm25 and bm25s against the engine's own index on the same terms.

    python benchmarks/bench_relevance.py [--notes 10000] [--runs 5] [--vault DIR]
        [--compare-libraries]

Targets (issue 11), on 10,000 notes: related notes for a draft <= 30 ms; the engine's update
after a keystroke <= 2 ms; building it <= 25 % on top of the cold index; memory <= +100 MB.
Reports min / median / max over the runs and the load average, so the machine's noise shows.
The comparison needs `pip install bm25s rank-bm25` (neither is a dependency).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_vault import fresh_runs, make_vault, spread, vault_arguments

DRAFT = "Tweets/A Long Draft About Training Large Models.md"

# A fresh interpreter: the cold index with the engine, read by BENCH_JOBS processes (1, as
# `check` reads a vault, or one per core, as the server does), and what the engine's part of it
# holds in memory (its terms strings and the term index, measured by building a second
# term index from the same terms: the first cannot be taken out of the index to compare).
COLD_INDEX = """
import gc, json, os, sys, time
from pathlib import Path
def rss_mb():
    with open("/proc/self/statm") as status:
        return int(status.read().split()[1]) * 4096 / 2**20
from blog_lsp.vault.vault import Vault
from blog_lsp.relevance.postings import TermIndex
started = time.perf_counter()
jobs = int(os.environ.get("BENCH_JOBS", "1"))
vault = Vault.open(Path(sys.argv[1]), editor_settings={"cache": False}, scan=False)
vault = vault.scanned(save=False, jobs=jobs)
done = time.perf_counter()
gc.collect()
before = rss_mb()
terms = dict(vault.index.note_terms)
again = TermIndex.build(terms.items())
again.base  # built on first search: build it here, to count it
gc.collect()
index_mb = rss_mb() - before
strings_mb = sum(sys.getsizeof(value) for value in terms.values()) / 2**20
print(json.dumps({
    "index_s": done - started, "notes": len(vault.notes), "rss_mb": before,
    "term_index_mb": index_mb, "terms_mb": strings_mb,
}))
"""


def repeat(work: Callable[[], object], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return timings


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


# Imported first by every interpreter of a run without the engine (the cold scan's worker
# processes too, which start afresh): the index entry as it was before the engine, the light
# parse and the words, so that the two cold indexes differ by the engine's work only.
WITHOUT_ENGINE = """
import blog_lsp.vault.vault as vault
from blog_lsp.vault.note_words import words_of
from blog_lsp.vault.parse import parse_note


def light(relative, text):
    return parse_note(relative, text, full=False), "", "", False


vault.parse_note_prose = light
vault.index_terms = lambda note, prose, other, text: ("", words_of(text))
"""


def _cold_index(root: Path, env: dict[str, str], engine: bool) -> dict[str, float]:
    found = fresh_runs(COLD_INDEX, root, 1, env)[0]
    if not engine and found["terms_mb"] > 0:
        raise RuntimeError("the run without the engine still worked out terms: the hook failed")
    return found


def cold_index_both_ways(
    root: Path, runs: int, scratch: Path, jobs: int
) -> tuple[list[dict[str, float]], list[float]]:
    """The cold index with the engine, and the seconds of one without it, read by ``jobs``
    processes, in fresh interpreters taken in turns: the wall clock a writer waits."""
    hooks = scratch / "without-engine"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(WITHOUT_ENGINE, encoding="utf-8")
    with_env = {"BENCH_JOBS": str(jobs)}
    paths = [str(hooks), os.environ.get("PYTHONPATH", "")]
    without_env = {**with_env, "PYTHONPATH": os.pathsep.join(filter(None, paths))}
    engine: list[dict[str, float]] = []
    plain: list[float] = []
    for run in range(runs):
        pair = [
            lambda: engine.append(_cold_index(root, with_env, True)),
            lambda: plain.append(_cold_index(root, without_env, False)["index_s"]),
        ]
        for work in pair[:: -1 if run % 2 else 1]:
            work()
    return engine, plain


def engine_share(root: Path, runs: int) -> tuple[list[float], list[float], int]:
    """What the engine adds to a cold index, in one interpreter: a note's parse with its
    prose pieces and its terms and words in one pass, over the light parse and the words
    alone that the index needs otherwise; and building the term index (seconds, per run).

    The part is a difference of two timings of about a second each, so each run times both
    ways, in turns (which goes first alternates), each after a collection with the collector
    off while it runs (as the scan does): garbage one way left must not slow the other."""
    from blog_lsp.relevance.postings import TermIndex
    from blog_lsp.relevance.terms import index_terms
    from blog_lsp.vault.note_words import words_of
    from blog_lsp.vault.parse import parse_note, parse_note_prose

    texts = [
        (path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(root.rglob("*.md"))
    ]
    encoded: list[tuple[str, str]] = []

    def without() -> None:
        for relative, text in texts:
            parse_note(relative, text, full=False)
            words_of(text)

    def with_engine() -> None:
        encoded.clear()
        for relative, text in texts:
            note, prose, other, joined = parse_note_prose(relative, text)
            terms, _ = index_terms(note, prose, None if joined else other, text)
            encoded.append((relative, terms))

    def timed(work: Callable[[], object]) -> float:
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            work()
            return time.perf_counter() - started
        finally:
            gc.enable()

    parts, builds = [], []
    for run in range(runs):
        if run % 2:
            engine, plain = timed(with_engine), timed(without)
        else:
            plain, engine = timed(without), timed(with_engine)
        parts.append(engine - plain)
        builds.append(timed(lambda: TermIndex.build(encoded).base))  # built on first search
    return parts, builds, len(texts)


def requests(root: Path, runs: int) -> None:
    from blog_lsp.relevance.engine import related_notes, suggest_tags
    from blog_lsp.vault.vault import Vault

    vault = Vault.open(root, editor_settings={"cache": False})
    text = (root / DRAFT).read_text(encoding="utf-8")
    note = vault.load(DRAFT, text)
    related_notes(vault, note)  # warm
    related = repeat(lambda: related_notes(vault, note), runs)
    tags = repeat(lambda: suggest_tags(vault, note), runs)
    full = repeat(lambda: related_notes(vault, vault.load(DRAFT, text)), runs)
    print(f"related notes for the {len(text.split()):,}-word draft (warm):")
    print("  related notes:", spread(related, "ms", 1000), "(target 30 ms)")
    print("  with the draft's parse:", spread(full, "ms", 1000))
    print("  suggested tags:", spread(tags, "ms", 1000))

    # A keystroke: the draft's text with one more word, again and again (a new word each
    # time, so every update changes a term). The worker computes the entry; the loop
    # applies it: the whole index update, of which the term index's is a part.
    entries = [vault.entry_from_text(DRAFT, text + f" word{'x' * n}") for n in range(runs + 1)]
    entry_times = repeat(lambda: vault.entry_from_text(DRAFT, text + " more"), runs)
    current = vault.with_entry(entries[0])
    applied, engine = [], []
    for entry in entries[1:]:
        old = current.index.note_terms.get(DRAFT, "")
        started = time.perf_counter()
        updater = current.index.relevance.updater()
        updater.remove(DRAFT, old)
        updater.add(DRAFT, entry.terms)
        updater.finish()
        engine.append(time.perf_counter() - started)
        started = time.perf_counter()
        current = current.with_entry(entry)
        applied.append(time.perf_counter() - started)
    print("update after a keystroke in the draft:")
    print("  the term index's update:", spread(engine, "ms", 1000), "(target 2 ms)")
    print("  the whole index update (on the loop):", spread(applied, "ms", 1000))
    print("  the entry, parse and terms (in a worker):", spread(entry_times, "ms", 1000))


def compare_libraries(root: Path, runs: int) -> None:
    """BM25 by rank-bm25, bm25s and the engine's own index, on the same terms and query."""
    try:
        import bm25s
        import rank_bm25
    except ImportError:
        print("library comparison skipped: pip install bm25s rank-bm25")
        return
    from blog_lsp.relevance.engine import QUERY_TERMS
    from blog_lsp.relevance.postings import TermIndex
    from blog_lsp.relevance.terms import decode_terms
    from blog_lsp.vault.vault import Vault

    vault = Vault.open(root, editor_settings={"cache": False})
    items = [(path, terms) for path, terms in vault.index.note_terms.items()]
    corpus = [
        [term for term, count in decode_terms(terms).items() for _ in range(count)]
        for _, terms in items
    ]
    own = TermIndex.build(items)
    draft = decode_terms(vault.index.note_terms[DRAFT])
    query = own.key_terms(draft, QUERY_TERMS)
    tokens = list(query)
    print(f"BM25 libraries, {len(items):,} notes, a query of the draft's {len(tokens)} terms:")

    def measure(name: str, build: Callable[[], object], search: Callable[[object], object]):
        built = repeat(build, max(1, runs // 2))
        index = build()
        searched = repeat(lambda: search(index), runs)
        print(f"  {name}: build", spread(built, "s"), "| query", spread(searched, "ms", 1000))

    measure("own index", lambda: TermIndex.build(items), lambda index: index.scores(query))

    def bm25s_index() -> object:
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        return retriever

    measure("bm25s", bm25s_index, lambda index: index.get_scores(tokens))
    measure(
        "rank-bm25", lambda: rank_bm25.BM25Okapi(corpus), lambda index: index.get_scores(tokens)
    )
    print("  (a note's change: the own index updates it; bm25s and rank-bm25 build again)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    vault_arguments(parser)
    parser.add_argument("--compare-libraries", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        root = args.vault or Path(scratch) / "vault"
        if not (root / DRAFT).exists():
            started = time.perf_counter()
            make_vault(root, args.notes, args.draft_words)
            print(f"generated {args.notes:,} notes in {time.perf_counter() - started:.1f} s")
        print(f"at the start: {load()}")

        parts, builds, notes = engine_share(root, args.runs)
        base = statistics.median(builds)
        print(f"cold index of {notes:,} notes (in fresh processes, with and without the engine):")
        index: list[dict[str, float]] = []
        for jobs in sorted({1, os.cpu_count() or 1}):
            found, plain = cold_index_both_ways(root, args.runs, Path(scratch), jobs)
            index = index or found
            with_engine = [r["index_s"] for r in found]
            reader = (
                "one process, as `check` reads"
                if jobs == 1
                else f"{jobs} processes, as the server reads"
            )
            print(f"  {reader}:")
            print("    with the engine:", spread(with_engine, "s"))
            print("    without it (light parse and words only):", spread(plain, "s"))
            scan_part = statistics.median(with_engine) - statistics.median(plain)
            least = min(with_engine) - min(plain) + min(builds)
            print(
                f"    the engine's part: {scan_part:.2f} s in the scan + {base:.2f} s for the "
                f"term index's base = {100 * (scan_part + base) / statistics.median(plain):.0f} % "
                f"on top of the index without it (medians; the fastest runs: "
                f"{100 * least / min(plain):.0f} %; target 25 %)"
            )
        print("  the engine's work in one process (CPU):")
        print("    parse with prose, terms and words, over parse and words:", spread(parts, "s"))
        print(
            "    building the term index's base (on first search: in the server, in a worker "
            "once the index is complete):",
            spread(builds, "s"),
        )
        print("  memory (resident):", spread([r["rss_mb"] for r in index], "MB"))
        engine_mb = [r["term_index_mb"] + r["terms_mb"] for r in index]
        print("  of which the engine's:", spread(engine_mb, "MB"), "(target +100 MB)")

        requests(root, max(args.runs * 4, 20))
        if args.compare_libraries:
            compare_libraries(root, args.runs)
        print(f"at the end: {load()}")


if __name__ == "__main__":
    main()
