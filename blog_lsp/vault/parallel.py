"""Reading and parsing notes in worker processes, for a cold scan of a large vault.

On two cores, two processes parse ten thousand notes in about two thirds of the time one
thread takes, start-up included (measured: ``benchmarks/bench_core.py``), and the server's
own interpreter stays free for requests meanwhile. Entries come back as msgpack (see
:mod:`blog_lsp.vault.codec`): the fastest way found to hand parsed notes between processes.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from blog_lsp.settings import Settings
from blog_lsp.vault.index import IndexEntry

# Below this many notes to read, starting processes costs more than it saves.
PARALLEL_FROM = 2000
CHUNK = 250


def parse_chunk(root: str, settings: Settings, items: list[tuple[str, str]]) -> bytes:
    """In a worker: the encoded entries of the notes at ``items`` (relative, absolute)."""
    from blog_lsp.vault.codec import encode_entries
    from blog_lsp.vault.vault import Vault

    gc.disable()  # a worker lives for one scan; its objects have no cycles
    vault = Vault(Path(root), settings)
    return encode_entries(
        vault.entry_from_disk_path(relative, absolute) for relative, absolute in items
    )


def parse_in_processes(
    root: Path,
    settings: Settings,
    items: list[tuple[str, str]],
    jobs: int,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[IndexEntry]:
    """The entries of the notes at ``items``, in their order, parsed by ``jobs`` processes.
    Stops (and drops the work not begun) when ``cancelled`` says so."""
    from blog_lsp.vault.codec import decode_entries

    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    context = multiprocessing.get_context("spawn")  # the caller may hold threads: no fork
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures: list[Future[bytes]] = [
            pool.submit(parse_chunk, str(root), settings, chunk) for chunk in chunks
        ]
        try:
            for future in futures:
                if cancelled is not None and cancelled():
                    return
                yield from decode_entries(future.result())
        finally:
            for future in futures:
                future.cancel()
