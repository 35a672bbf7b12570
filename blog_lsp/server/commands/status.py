"""``blog-lsp.status``: what the server holds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.vault import cache

if TYPE_CHECKING:
    pass
from blog_lsp.server.commands.common import STATUS, Argument, parse_arguments

# -- status ----------------------------------------------------------------------------------

STATUS_ARGUMENTS = {
    "paths": Argument(bool, "true to list every indexed path"),
    "settle": Argument(bool, "true to wait until every change asked for is indexed"),
}


async def status(ls: BlogLanguageServer, arguments: Sequence[Any]) -> dict[str, Any]:
    """What the server holds: each vault's index (sizes, whether complete, its paths on
    request), how file changes reach it, and how many times documents were checked."""
    options = parse_arguments(STATUS, arguments or [{}], STATUS_ARGUMENTS)
    if options.get("settle"):
        for state in ls.all_states():
            await state.indexer.settled()
    vaults = []
    for state in ls.all_states():
        index = state.vault.index
        entry: dict[str, Any] = {
            "root": str(state.root),
            "stray": state.stray,
            "complete": state.complete,
            "scanning": state.indexer.scanning,
            "notes": len(index.notes),
            "attachments": len(index.attachments),
            "skipped": len(index.skipped),
            # The index cache file (None when the cache is off): what to delete to clear it.
            "cache": str(cache.cache_file(state.root)) if state.vault.settings.cache else None,
        }
        if state.last_scan is not None:
            entry["lastScan"] = {
                "parsed": state.last_scan.parsed,
                "reused": state.last_scan.reused,
            }
        if options.get("paths"):
            entry["notePaths"] = sorted(index.notes)
            entry["attachmentPaths"] = sorted(index.attachments)
            entry["words"] = len(index.words)
        vaults.append(entry)
    if ls.watcher is not None:
        watching = "polling" if ls.watcher.polling else "watchfiles"
    else:
        watching = "client"
    return {"vaults": vaults, "watching": watching, "checks": ls.checks_run}
