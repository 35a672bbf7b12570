"""Benchmark the language server over a raw stdio client on a synthetic vault.

    python benchmarks/bench_server.py [--notes 10000] [--runs 3]

Reports, each as min / median / max over the runs (so the machine's noise shows):
- `initialize` answered, from process start (target <= 0.45 s);
- index complete ($/progress end), from process start (target <= 1.5 s);
- completion latency, p50 and p95 over a few hundred requests (target p95 <= 20 ms);
- diagnostics for a 5,000-word draft, from the change to their arrival, less the debounce
  (target <= 50 ms);
- peak memory of the server process (VmHWM; target <= 300 MB).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "server"))

from make_vault import make_vault, spread  # noqa: E402
from raw_client import RawClient  # noqa: E402

DEBOUNCE_SECONDS = 0.2
CAPABILITIES = {
    "window": {"workDoneProgress": True},
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {"completion": {"completionItem": {"snippetSupport": True}}},
}


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_run(root: Path, draft: Path, completions: int, settle: float) -> dict[str, object]:
    started = time.perf_counter()
    client = RawClient(cwd=root)
    try:
        client.initialize(root, CAPABILITIES)
        initialized = time.perf_counter() - started
        client.wait_for("$/progress", lambda p: p["value"].get("kind") == "end")
        indexed = time.perf_counter() - started
        # Right after indexing the server still gathers the vault's words for the typo check
        # in the background; --settle measures the steady state after that instead.
        time.sleep(settle)

        # Completion: a note with a line being typed; the prefix grows as a writer types.
        note_uri = (root / "Notes" / "Typing.md").as_uri()
        line = "See [[Note 12"
        client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": note_uri,
                    "languageId": "markdown",
                    "version": 1,
                    "text": f"# Typing\n\n{line}\n",
                }
            },
        )
        latencies = []
        for index in range(completions):
            column = 6 + index % (len(line) - 5)
            begin = time.perf_counter()
            reply = client.request(
                "textDocument/completion",
                {"textDocument": {"uri": note_uri}, "position": {"line": 2, "character": column}},
            )
            latencies.append(time.perf_counter() - begin)
            assert "result" in reply, reply

        # Diagnostics for the long draft after an edit: measured from the change, less the
        # debounce the server waits on purpose.
        draft_uri = draft.as_uri()
        text = draft.read_text(encoding="utf-8")
        client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": draft_uri,
                    "languageId": "markdown",
                    "version": 1,
                    "text": text,
                }
            },
        )
        client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == draft_uri)
        diagnostics = []
        for version in range(2, 8):
            begin = time.perf_counter()
            client.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": draft_uri, "version": version},
                    "contentChanges": [
                        {
                            "range": {
                                "start": {"line": 12, "character": 0},
                                "end": {"line": 12, "character": 0},
                            },
                            "text": "A colour. ",
                        }
                    ],
                },
            )
            client.wait_for(
                "textDocument/publishDiagnostics",
                lambda p, v=version: p["uri"] == draft_uri and p.get("version") == v,
            )
            diagnostics.append(time.perf_counter() - begin - DEBOUNCE_SECONDS)
        memory = peak_memory_mb(client.process.pid)
        client.request("shutdown", None)
    finally:
        client.close()
    return {
        "initialize": initialized,
        "indexed": indexed,
        "completion": latencies,
        "diagnostics": diagnostics,
        "memory": memory,
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--completions", type=int, default=300)
    parser.add_argument("--vault", type=Path, help="reuse a generated vault")
    parser.add_argument(
        "--settle", type=float, default=0.0, help="seconds to wait after indexing before timing"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.vault or Path(scratch) / "vault"
        draft = root / "Tweets" / "A Long Draft About Training Large Models.md"
        if not draft.exists():
            draft = make_vault(root, args.notes, 5_000)
        runs = [one_run(root, draft, args.completions, args.settle) for _ in range(args.runs)]
    print(f"language server on {args.notes:,} notes, {args.runs} runs:")
    print(
        "  initialize answered:", spread([r["initialize"] for r in runs], "s", 1), "(target 0.45 s)"
    )
    print("  index complete:", spread([r["indexed"] for r in runs], "s", 1), "(target 1.5 s)")
    p50 = [percentile(r["completion"], 0.5) for r in runs]
    p95 = [percentile(r["completion"], 0.95) for r in runs]
    print("  completion p50:", spread(p50, "ms", 1000))
    print("  completion p95:", spread(p95, "ms", 1000), "(target 20 ms)")
    print(
        "  diagnostics after the debounce:",
        spread([statistics.median(r["diagnostics"]) for r in runs], "ms", 1000),
        "(target 50 ms)",
    )
    print("  peak memory:", spread([r["memory"] for r in runs], "MB", 1), "(target 300 MB)")


if __name__ == "__main__":
    main()
