"""Measure the candidate formats of the index cache on a synthetic vault: how long each takes to
write and to read back every note's index entry, and how big the file is.

    python benchmarks/bench_cache_formats.py [--notes 10000] [--runs 5]

- msgspec (msgpack): what blog-lsp uses. Reading checks every value against the parser's types
  and builds the entries, so nothing unchecked reaches the index.
- pickle: rebuilds the objects itself; it would run whatever code a planted file names.
- marshal: plain values only (the same records as msgspec's, as lists), then the same typed
  conversion to entries; the format is undocumented and changes between Python versions.
- SQLite: one row a note (its msgpack record), read back with a SELECT and the same decoder:
  the price of a database for per-row updates that a whole-file rewrite does not need.
"""

from __future__ import annotations

import argparse
import gc
import marshal
import os
import pickle
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_vault import make_vault, spread  # noqa: E402

from blog_lsp.vault import codec  # noqa: E402
from blog_lsp.vault.vault import Vault  # noqa: E402


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Times of the action with the cyclic collector paused, as blog-lsp reads its cache."""
    times = []
    for _ in range(runs):
        gc.disable()
        begin = time.perf_counter()
        action()
        times.append(time.perf_counter() - begin)
        gc.enable()
        gc.collect()
    return times


def sqlite_file(folder: Path, records: list[bytes]) -> Path:
    path = folder / "index.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE entry (body BLOB)")
        db.executemany("INSERT INTO entry VALUES (?)", ((r,) for r in records))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--vault", type=Path, help="reuse a generated vault")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        root = args.vault or folder / "vault"
        if args.vault is None:
            make_vault(root, args.notes, 5_000)
        os.environ["BLOG_LSP_CACHE_DIR"] = str(folder / "cache")
        entries = list(Vault.open(root, scan=False).scanned(save=False).index.entries())
        print(f"index cache formats, {len(entries):,} entries, {args.runs} runs")
        print(f"  load average before: {os.getloadavg()[0]:.2f}")

        packed = codec.encode_entries(entries)
        plain = msgspec.to_builtins([codec._record(entry) for entry in entries])
        marshalled = marshal.dumps(plain)
        pickled = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        record_encoder = msgspec.msgpack.Encoder()
        record_decoder = msgspec.msgpack.Decoder(codec._Entry)
        rows = [record_encoder.encode(codec._record(entry)) for entry in entries]
        database = sqlite_file(folder, rows)

        def marshal_read() -> object:
            records = msgspec.convert(marshal.loads(marshalled), list[codec._Entry])
            return [codec._entry(record) for record in records]

        def sqlite_read() -> object:
            with sqlite3.connect(database) as db:
                bodies = db.execute("SELECT body FROM entry").fetchall()
            return [codec._entry(record_decoder.decode(body)) for (body,) in bodies]

        formats = [
            ("msgspec", lambda: codec.encode_entries(entries),
             lambda: codec.decode_entries(packed), len(packed)),
            ("pickle", lambda: pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL),
             lambda: pickle.loads(pickled), len(pickled)),
            ("marshal", lambda: marshal.dumps(
                msgspec.to_builtins([codec._record(entry) for entry in entries])),
             marshal_read, len(marshalled)),
            ("sqlite", lambda: sqlite_file(folder, [
                record_encoder.encode(codec._record(entry)) for entry in entries]),
             sqlite_read, database.stat().st_size),
        ]  # fmt: skip
        for name, write, read, size in formats:
            print(f"  {name}: {size / 1e6:.1f} MB")
            print(f"    write: {spread(timed(write, args.runs), 'ms', 1000)}")
            print(f"    read: {spread(timed(read, args.runs), 'ms', 1000)}")
        print(f"  load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
