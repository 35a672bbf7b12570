"""The persistent index: each vault's index entries saved in the user's cache folder, so that
a start re-reads only the notes whose size or modification time changed.

- **Where**: ``platformdirs``' user cache folder (``~/.cache/blog-lsp`` on Linux,
  ``~/Library/Caches/blog-lsp`` on macOS, ``%LOCALAPPDATA%\\blog-lsp\\Cache`` on Windows), or
  ``BLOG_LSP_CACHE_DIR``; never inside the vault, which writers sync with git or a cloud.
  One file per vault, named by a hash of the vault's path.
- **What**: msgpack (``msgspec``) of the entries (each note's structure, not its text), read
  back checked against the parser's own types. No code runs on reading: a hostile file is
  data that fails the check, not a program (this is why it is not pickle).
- **Whether**: a header names the format version, blog-lsp's version and the settings that
  change what a scan finds; a file of another version or other settings, a damaged,
  truncated or unreadable file, or anything else in its place is ignored with one log line,
  and rebuilt.
- **How it is written**: to a temporary file beside it, then renamed over it, so a reader
  never sees half a file; two servers on one vault each write whole files, and the last wins.
- **How big**: a vault's file over ``MAX_FILE_BYTES`` is not written, and the folder is
  pruned to ``MAX_FOLDER_BYTES``, least recently used first. Only blog-lsp's own files are
  removed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import msgspec

from blog_lsp import __version__
from blog_lsp.settings import Settings
from blog_lsp.vault.codec import (
    FORMAT_VERSION,
    CorruptEntryError,
    UncacheableError,
    decode_entries,
    encode_entries,
)
from blog_lsp.vault.index import IndexEntry

log = logging.getLogger(__name__)

MAGIC = b"blog-lsp index\n"
SUFFIX = ".index"
SUFFIXES = (SUFFIX, ".findings")  # the files of ours that pruning may remove
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_FOLDER_BYTES = 2 * 1024 * 1024 * 1024
CACHE_DIR_VARIABLE = "BLOG_LSP_CACHE_DIR"


_CANNOT_ENCODE = (UncacheableError, UnicodeEncodeError, msgspec.EncodeError, OverflowError)


class _Header(msgspec.Struct, array_like=True):
    format_version: int
    blog_lsp_version: str
    settings: str  # what a scan depends on, see fingerprint()
    root: str


_HEADER_DECODER = msgspec.msgpack.Decoder(_Header)


def cache_folder() -> Path:
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("blog-lsp", appauthor=False))


def cache_file(root: Path, folder: Path | None = None) -> Path:
    digest = hashlib.sha256(os.fsencode(os.path.abspath(root))).hexdigest()[:32]
    return (folder if folder is not None else cache_folder()) / f"{digest}{SUFFIX}"


def fingerprint(settings: Settings) -> str:
    """The settings a scan's entries depend on: which files are taken, the size limit, and
    the drafts folder (which notes are drafts)."""
    return repr((settings.drafts_folder, sorted(settings.ignore), settings.max_file_size))


def _header(root: Path, settings: Settings) -> _Header:
    return _Header(FORMAT_VERSION, __version__, fingerprint(settings), os.path.abspath(root))


def load(root: Path, settings: Settings) -> dict[str, IndexEntry]:
    """The cached entries of a vault by path, or none (no cache, or one that cannot be used:
    then one line says why)."""
    path = cache_file(root)
    data = read_file(path)
    if data is None:
        return {}
    try:
        entries = _parse(data, root, settings)
    except CorruptEntryError as error:
        log.info("ignoring the index cache %s (%s): rebuilding it", path, error)
        return {}
    return {entry.path: entry for entry in entries}


def read_file(path: Path) -> bytes | None:
    """A cache file's bytes; None when there is none, or what is there is no file of ours to
    read (a folder, a device, something huge): then one line says so."""
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            if not _is_regular(status.st_mode) or status.st_size > MAX_FILE_BYTES:
                log.info("ignoring the cache %s: not a cache file", path)
                return None
            return file.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.info("ignoring the cache %s: %s", path, error.strerror or error)
        return None


def _parse(data: bytes, root: Path, settings: Settings) -> list[IndexEntry]:
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise CorruptEntryError("not a blog-lsp index")
    start = len(MAGIC) + 4
    header_size = int.from_bytes(data[len(MAGIC) : start], "little")
    try:
        header = _HEADER_DECODER.decode(data[start : start + header_size])
    except (msgspec.DecodeError, ValueError) as error:
        raise CorruptEntryError(f"its header cannot be read: {error}") from error
    if header != _header(root, settings):
        raise CorruptEntryError("it was made by another version, or with other settings")
    return decode_entries(data[start + header_size :])


def save(
    root: Path, settings: Settings, entries: Iterable[IndexEntry], folder: Path | None = None
) -> bool:
    """Write the vault's entries (atomically); whether they were written. Never raises: a
    cache that cannot be written is only slower next time."""
    entries = list(entries)
    try:
        body = encode_entries(entries)
    except _CANNOT_ENCODE:
        keep = []
        # Rare: a note with a YAML set, a file name that is not UTF-8. It is read each time.
        for entry in entries:
            try:
                encode_entries([entry])
            except _CANNOT_ENCODE:
                continue
            keep.append(entry)
        body = encode_entries(keep)
    header = msgspec.msgpack.encode(_header(root, settings))
    if len(body) > MAX_FILE_BYTES:
        log.info("not caching the index of %s: it would take %d MB", root, len(body) >> 20)
        return False
    return write_file(
        cache_file(root, folder), MAGIC + len(header).to_bytes(4, "little") + header + body
    )


def write_file(path: Path, data: bytes) -> bool:
    """Write a cache file whole (a temporary file renamed over it); whether it was written.
    Never raises: a cache that cannot be written is only slower next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        log.info("cannot write the cache %s: %s", path, error.strerror or error)
        return False
    _prune(path.parent, keep=path)
    return True


def _is_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


def _prune(folder: Path, keep: Path) -> None:
    """Remove blog-lsp's least recently used cache files beyond MAX_FOLDER_BYTES."""
    try:
        files = [
            (entry.stat().st_mtime, entry.stat().st_size, Path(entry.path))
            for entry in os.scandir(folder)
            if entry.name.endswith(SUFFIXES) and entry.is_file(follow_symlinks=False)
        ]
    except OSError:
        return
    total = sum(size for _, size, _ in files)
    for _, size, path in sorted(files):
        if total <= MAX_FOLDER_BYTES:
            break
        if path == keep:
            continue
        try:
            path.unlink()
            total -= size
        except OSError:
            continue
