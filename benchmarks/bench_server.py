"""Benchmark the language server as writers feel it, over a raw stdio client on a synthetic vault.

    python benchmarks/bench_server.py [--notes 10000] [--runs 3] [--clients vscode,neovim]

Two kinds of client: one that registers file watchers (VS Code) and one that does not (Neovim
0.11 on Linux), for which the server watches the vault itself. For each, as min / median /
max over the runs (so the machine's noise shows), against the targets of the server-core issue:

- `initialize` answered, from process start (<= 0.5 s);
- index complete ($/progress end), from `initialized` (<= 2.0 s) and from process start, with
  no index cache (cold: every run starts with an empty cache folder) and again with the cache the
  cold run saved (warm: nothing changed on disk; <= 0.5 s at 10k notes, <= 3 s at 100k);
- a completion asked during the cold scan, answered within (<= 50 ms);
- typing `[[Note 12` one key at a time, an incremental change then a completion for each key,
  about 80 ms apart as a writer types: p50 / p95 (p95 <= 10 ms);
- a full-text change followed at once by a completion: p95 (<= 20 ms);
- diagnostics of a 5,000-word draft after a change, less the debounce (<= 100 ms);
- idle CPU: the server's user+system time over 10 s with nothing to do (<= 1 % of a core);
- peak memory of the server process (VmHWM; <= 300 MB).

The load average before and after is printed: on a shared machine, compare runs made together.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "server"))

from make_vault import make_vault, spread  # noqa: E402
from raw_client import RawClient  # noqa: E402

DEBOUNCE_SECONDS = 0.2
KEY_INTERVAL = 0.08
IDLE_SECONDS = 10.0
BASE = {
    "window": {"workDoneProgress": True},
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {"completion": {"completionItem": {"snippetSupport": True}}},
}
CLIENTS = {
    "vscode": {**BASE, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}},
    "neovim": {**BASE, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": False}}},
}


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def opened(client: RawClient, uri: str, text: str) -> None:
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
    )


def insert(client: RawClient, uri: str, version: int, line: int, column: int, text: str) -> None:
    at = {"line": line, "character": column}
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": at, "end": at}, "text": text}],
        },
    )


def complete(client: RawClient, uri: str, line: int, column: int) -> float:
    begin = time.perf_counter()
    reply = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": column}},
    )
    assert "result" in reply, reply
    return time.perf_counter() - begin


def warm_start(root: Path, capabilities: dict[str, Any]) -> dict[str, float]:
    """A restart over the cache the cold run saved: the index complete, then one completion."""
    started = time.perf_counter()
    client = RawClient(cwd=root)
    try:
        client.request(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities},
        )
        client.notify("initialized", {})
        initialized = time.perf_counter()
        client.wait_for("$/progress", lambda p: p["value"].get("kind") == "end", seen=True)
        indexed = time.perf_counter()
        uri = (root / "Notes" / "Typing.md").as_uri()
        opened(client, uri, "# Typing\n\nSee [[Note 12\n")
        first = complete(client, uri, 2, 13)
        client.request("shutdown", None)
    finally:
        client.close()
    return {
        "warm_indexed": indexed - initialized,
        "warm_from_start": indexed - started,
        "warm_completion": first,
    }


def one_run(
    root: Path, draft: Path, capabilities: dict[str, Any], keys: int, cache: Path
) -> dict[str, Any]:
    # An empty cache folder of its own: this run starts cold and saves the index there.
    os.environ["BLOG_LSP_CACHE_DIR"] = str(cache)
    started = time.perf_counter()
    client = RawClient(cwd=root)
    result: dict[str, Any] = {}
    try:
        client.request(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities},
        )
        result["initialize"] = time.perf_counter() - started
        client.notify("initialized", {})
        initialized = time.perf_counter()

        # A completion during the cold scan: the editor opened a note and the writer typed.
        typing_uri = (root / "Notes" / "Typing.md").as_uri()
        opened(client, typing_uri, "# Typing\n\nSee [[Note 1\n")
        result["during_scan"] = complete(client, typing_uri, 2, 12)

        client.wait_for("$/progress", lambda p: p["value"].get("kind") == "end", seen=True)
        result["indexed"] = time.perf_counter() - initialized
        result["indexed_from_start"] = time.perf_counter() - started
        time.sleep(1.0)

        # Typing a link one key at a time, a completion after each key, a new line for each
        # link (the note holds "...\nSee [[Note 1\n": its last line, 3, is empty).
        version, line, typed = 1, 3, []
        word = "See [[Note 12"
        for index in range(keys):
            column = index % len(word)
            if column == 0 and index:
                insert(client, typing_uri, (version := version + 1), line, len(word), "\n")
                line += 1
            insert(client, typing_uri, (version := version + 1), line, column, word[column])
            typed.append(complete(client, typing_uri, line, column + 1))
            time.sleep(KEY_INTERVAL)
        result["typing"] = typed

        # A full-text change followed at once by a completion.
        full = []
        for index in range(40):
            text = f"# Typing\n\nParagraph {index}.\n\nSee [[Note {index}"
            client.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": typing_uri, "version": (version := version + 1)},
                    "contentChanges": [{"text": text}],
                },
            )
            full.append(complete(client, typing_uri, 4, len(f"See [[Note {index}")))
            time.sleep(KEY_INTERVAL)
        result["full_change"] = full

        # Diagnostics of the long draft after an edit, less the debounce.
        draft_uri = draft.as_uri()
        opened(client, draft_uri, draft.read_text(encoding="utf-8"))
        client.wait_for(
            "textDocument/publishDiagnostics", lambda p: p["uri"] == draft_uri, seen=True
        )
        diagnostics = []
        for draft_version in range(2, 8):
            begin = time.perf_counter()
            insert(client, draft_uri, draft_version, 12, 0, "A colour. ")
            client.wait_for(
                "textDocument/publishDiagnostics",
                lambda p, v=draft_version: p["uri"] == draft_uri and p.get("version") == v,
            )
            diagnostics.append(time.perf_counter() - begin - DEBOUNCE_SECONDS)
        result["diagnostics"] = diagnostics

        # Idle: nothing to do for ten seconds.
        time.sleep(2.0)
        pid = client.process.pid
        before = cpu_seconds(pid)
        time.sleep(IDLE_SECONDS)
        result["idle_cpu"] = (cpu_seconds(pid) - before) / IDLE_SECONDS
        result["memory"] = peak_memory_mb(pid)
        client.request("shutdown", None)
    finally:
        client.close()
    result.update(warm_start(root, capabilities))
    return result


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(name: str, runs: list[dict[str, Any]]) -> None:
    print(f"  client {name}:")
    rows = [
        ("initialize answered", [r["initialize"] for r in runs], "s", 1, "0.5 s"),
        ("cold: index complete after initialized", [r["indexed"] for r in runs], "s", 1,
         "1.2 s at 10k"),
        ("cold: index complete after process start", [r["indexed_from_start"] for r in runs], "s",
         1, ""),
        ("warm: index complete after initialized", [r["warm_indexed"] for r in runs], "s", 1,
         "0.5 s at 10k"),
        ("warm: index complete after process start", [r["warm_from_start"] for r in runs], "s",
         1, ""),
        ("warm: first completion after the index", [r["warm_completion"] for r in runs], "ms",
         1000, ""),
        ("completion during the cold scan", [r["during_scan"] for r in runs], "ms", 1000,
         "50 ms"),
        ("typing [[ p50", [percentile(r["typing"], 0.5) for r in runs], "ms", 1000, ""),
        ("typing [[ p95", [percentile(r["typing"], 0.95) for r in runs], "ms", 1000, "10 ms"),
        ("full change + completion p95", [percentile(r["full_change"], 0.95) for r in runs],
         "ms", 1000, "20 ms"),
        ("diagnostics after the debounce", [statistics.median(r["diagnostics"]) for r in runs],
         "ms", 1000, "100 ms"),
        ("idle CPU (share of a core)", [r["idle_cpu"] for r in runs], "%", 100, "1 %"),
        ("peak memory", [r["memory"] for r in runs], "MB", 1, "300 MB"),
    ]  # fmt: skip
    for label, values, unit, scale, target in rows:
        suffix = f" (target {target})" if target else ""
        print(f"    {label}: {spread(values, unit, scale)}{suffix}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keys", type=int, default=120, help="keystrokes typed per run")
    parser.add_argument("--clients", default="vscode,neovim")
    parser.add_argument("--vault", type=Path, help="reuse a generated vault")
    args = parser.parse_args()
    # As an installed server starts: from compiled modules (pip compiles them on install;
    # an environment that forbids writing bytecode would time the compiler instead).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import compileall

    compileall.compile_dir(str(HERE.parent / "blog_lsp"), quiet=1)
    with tempfile.TemporaryDirectory() as scratch:
        root = args.vault or Path(scratch) / "vault"
        draft = root / "Tweets" / "A Long Draft About Training Large Models.md"
        if not draft.exists():
            draft = make_vault(root, args.notes, 5_000)
        size = sum(p.stat().st_size for p in root.rglob("*.md")) / 1e6
        print(f"language server on {args.notes:,} notes ({size:.0f} MB), {args.runs} runs")
        print(f"  load average before: {os.getloadavg()[0]:.2f}")
        for name in args.clients.split(","):
            runs = [
                one_run(root, draft, CLIENTS[name], args.keys, Path(scratch) / f"cache-{name}-{n}")
                for n in range(args.runs)
            ]
            report(name, runs)
        print(f"  load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
