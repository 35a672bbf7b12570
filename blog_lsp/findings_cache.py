"""The findings of `blog-lsp check`, kept beside the index cache for the next run.

A finding depends on its note, on the settings and word lists, and on the rest of the vault
(links, the vocabulary of the typo check, duplicate drafts). So the findings are kept under
one key made of all of that: blog-lsp's version, the settings, the word lists' stamps, and
every file's stamp in the index. When the vault is as it was (a CI run on a commit already
checked, a second run after a look at the output), the checks are not run again; when any
note changed, every note is checked again (in parallel). Read back checked against the
finding's types, like the index cache.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

import msgspec

from blog_lsp import __version__
from blog_lsp.findings import Finding, Fix, Severity
from blog_lsp.text import Range
from blog_lsp.vault import cache
from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)

MAGIC = b"blog-lsp findings\n"
FORMAT_VERSION = 2  # 2: typed fixes


class _Finding(msgspec.Struct, array_like=True):
    range: Range
    severity: int
    code: str
    message: str
    fixes: tuple[Fix, ...]
    data: dict[str, Any]


class _Stored(msgspec.Struct, array_like=True):
    key: str
    findings: dict[str, list[_Finding]]


_DECODER = msgspec.msgpack.Decoder(_Stored)


def key(vault: Vault) -> str:
    """What every finding of the vault depends on, as one digest."""
    from blog_lsp.checks import word_list_paths

    digest = hashlib.sha256()
    digest.update(repr((FORMAT_VERSION, __version__, vault.settings)).encode())
    for path in word_list_paths(vault.root, vault.settings):
        try:
            status = os.stat(path)
            digest.update(repr((str(path), status.st_size, status.st_mtime_ns)).encode())
        except OSError:
            digest.update(repr((str(path), None)).encode())
    index = vault.index
    for table in (index.stamps, index.attachments, index.skipped):
        digest.update(repr(sorted(table.items())).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _file(vault: Vault) -> Path:
    return cache.cache_file(vault.root).with_suffix(".findings")


def load(vault: Vault, wanted: str) -> dict[str, list[Finding]]:
    """The stored findings by note path, if they were stored under the key ``wanted``."""
    data = cache.read_file(_file(vault))
    if data is None or not data.startswith(MAGIC):
        return {}
    try:
        stored = _DECODER.decode(data[len(MAGIC) :])
        if stored.key != wanted:
            return {}
        return {
            path: [
                Finding(f.range, Severity(f.severity), f.code, f.message, f.fixes, f.data)
                for f in found
            ]
            for path, found in stored.findings.items()
        }
    except (msgspec.DecodeError, ValueError) as error:
        log.info("ignoring the stored findings of %s: %s", vault.root, error)
        return {}


def save(vault: Vault, stored_key: str, findings: dict[str, list[Finding]]) -> None:
    try:
        body = msgspec.msgpack.encode(
            _Stored(
                stored_key,
                {
                    path: [
                        _Finding(f.range, int(f.severity), f.code, f.message, f.fixes, f.data)
                        for f in found
                    ]
                    for path, found in findings.items()
                },
            )
        )
    except (msgspec.EncodeError, UnicodeEncodeError, TypeError, OverflowError) as error:
        log.info("not storing the findings of %s: %s", vault.root, error)
        return
    cache.write_file(_file(vault), MAGIC + body)
