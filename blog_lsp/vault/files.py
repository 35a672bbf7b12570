"""Reading the vault's files safely, and finding where a vault begins.

Every note, word list and config read goes through :func:`read_note_file`: regular files
only, never blocking, never past the size limit, and never raising for bad input.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path

from blog_lsp.paths import resolve_path
from blog_lsp.settings import CONFIG_FILENAME

log = logging.getLogger(__name__)

_BINARY_SNIFF = 8192


def find_root(path: Path) -> Path:
    """The nearest ancestor holding `.obsidian/`, else one holding `.blog-lsp.toml`, else the
    folder given (or the file's folder)."""
    found = find_marked_root(path)
    if found is not None:
        return found
    start = resolve_path(path)
    return start if start.is_dir() else start.parent


def find_marked_root(path: Path) -> Path | None:
    """The nearest ancestor holding `.obsidian/`, else one holding `.blog-lsp.toml`, else
    None. A `.blog-lsp.toml` of any kind marks the vault (its settings report what is wrong
    with it); an `.obsidian` that is not a folder does not, and is named in a warning."""
    start = resolve_path(path)
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        candidate = folder / ".obsidian"
        if candidate.is_dir():
            return folder
        if os.path.lexists(candidate):
            warn_once(
                ("not a vault marker", str(candidate)),
                "%s is not a folder, so it does not mark a vault (Obsidian keeps a vault's "
                "settings in a .obsidian folder)",
                candidate,
            )
    for folder in (start, *start.parents):
        if os.path.lexists(folder / CONFIG_FILENAME):
            return folder
    return None


_warned: set[Hashable] = set()


def warn_once(key: Hashable, message: str, *args: object) -> None:
    """Log a warning once per process for each ``key``: the server finds vault roots and
    builds check contexts again and again, and one message is enough."""
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


Stamp = tuple[int, int]  # a file's size and modification time (ns): whether it changed


@dataclass(frozen=True, slots=True)
class ReadResult:
    """A note's text, or why it has none: (rule code, message) for a finding, or a skip."""

    text: str | None
    problem: tuple[str, str] | None = None
    skipped: str | None = None  # a reason that is logged, not reported (binary files)
    stamp: Stamp | None = None  # the file's (size, mtime_ns) when it was read


# Non-blocking, so that opening a named pipe returns at once instead of waiting for a writer.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


class NotRegularFileError(OSError):
    """The path is a named pipe, a device, a socket or a folder: never read as a note."""

    def __init__(self, kind: str) -> None:
        self.reason = f"is {kind}, not a regular file"  # follows "it", as skip reasons do
        super().__init__(self.reason)


def _not_regular(mode: int) -> NotRegularFileError | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        kind = "a folder"
    elif stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "something other than a file"
    return NotRegularFileError(kind)


def _read_bytes(path: Path | str, max_size: int) -> tuple[bytes | int, Stamp]:
    """The bytes of a regular file, or its size when that is over ``max_size``, and its
    stamp. Raises
    :class:`NotRegularFileError` for anything else (read, a pipe would block and a device
    such as /dev/zero never ends), OSError when it cannot be read. Plain os calls: three
    times faster than pathlib's, which counts when a vault has ten thousand notes."""
    # stat first, so that a device is never even opened; fstat again after opening, in case
    # the path was replaced in between.
    problem = _not_regular(os.stat(path).st_mode)
    if problem is not None:
        raise problem
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(descriptor)
        problem = _not_regular(status.st_mode)
        if problem is not None:
            raise problem
        stamp = (status.st_size, status.st_mtime_ns)
        if status.st_size > max_size:
            return status.st_size, stamp
        parts = [os.read(descriptor, status.st_size + 1)]
        while len(parts[-1]) > 0 and sum(map(len, parts)) <= max_size:
            parts.append(os.read(descriptor, 1 << 16))  # the file grew while we read it
        data = b"".join(parts)
        return (len(data) if len(data) > max_size else data), stamp
    finally:
        os.close(descriptor)


def _too_large(size: int, max_size: int) -> tuple[str, str]:
    return (
        "file-too-large",
        f"This file has {size:,} bytes, more than max_file_size ({max_size:,}): blog-lsp skips it.",
    )


def text_size_problem(text: str, max_size: int) -> tuple[str, str] | None:
    """The file-too-large problem of a text (an editor's copy of a note) whose UTF-8 form is
    over ``max_size`` bytes, as the file would have; else None."""
    if len(text) * 4 <= max_size:  # UTF-8 takes at most 4 bytes a character: no need to count
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return _too_large(size, max_size) if size > max_size else None


def read_note_file(path: Path | str, max_size: int) -> ReadResult:
    """Read a note, never raising and never blocking: too large, binary, not UTF-8 files are
    reported; unreadable files and anything that is not a regular file (a named pipe, a
    device, a symbolic link loop) are skipped with a reason. The one reader of notes: the
    scan, :meth:`Vault.load`, the vocabulary and the word lists all read through it."""
    try:
        data, stamp = _read_bytes(path, max_size)
    except NotRegularFileError as error:
        return ReadResult(None, skipped=error.reason)
    except OSError as error:
        return ReadResult(None, skipped=f"cannot be read: {error.strerror or error}")
    if isinstance(data, int):
        return ReadResult(None, _too_large(data, max_size), stamp=stamp)
    if b"\x00" in data[:_BINARY_SNIFF]:
        return ReadResult(
            None, skipped="looks like a binary file (it holds NUL bytes)", stamp=stamp
        )
    try:
        return ReadResult(data.decode("utf-8"), stamp=stamp)
    except UnicodeDecodeError as error:
        byte = data[error.start]
        return ReadResult(
            None,
            (
                "file-encoding",
                f"This file is not UTF-8 text (byte 0x{byte:02x} at offset {error.start}); "
                "save it as UTF-8 to have it checked.",
            ),
            stamp=stamp,
        )
