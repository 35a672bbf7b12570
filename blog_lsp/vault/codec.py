"""Index entries as msgpack and back: for the index cache, and for handing entries between
processes.

``msgspec`` writes the parser's structs (positions, headings, links, tags) and reads them back
checked against those very types, in C, without running any code: data that does not fit
raises :class:`CorruptEntryError`, whatever it holds. Frontmatter values (any YAML: strings,
numbers, dates, lists, mappings) go as tagged lists, so that a date stays a date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import msgspec

from blog_lsp.relevance.shingles import SHINGLE_BYTES
from blog_lsp.text import Range
from blog_lsp.vault.index import IndexEntry, LinkName
from blog_lsp.vault.model import BlockId, Frontmatter, FrontmatterField, Heading, Link, Note, Tag

# Raise when the parser's output or this encoding changes: caches of another version are
# ignored (and rebuilt).
FORMAT_VERSION = 5


class CorruptEntryError(ValueError):
    """Data that is not encoded entries (a cache file damaged, truncated or not ours)."""


class UncacheableError(ValueError):
    """A note whose frontmatter holds a value this encoding does not keep (a YAML set)."""


class _Field(msgspec.Struct, array_like=True):
    key: str
    key_range: Range
    value: Any  # tagged, see _value
    value_range: Range
    style: str | None
    items: list[tuple[str, Range]]


class _Frontmatter(msgspec.Struct, array_like=True):
    range: Range
    fields: list[_Field]
    error: str | None
    error_range: Range | None
    closed: bool


class _Note(msgspec.Struct, array_like=True):
    path: str
    frontmatter: _Frontmatter | None
    headings: list[Heading]
    block_ids: list[BlockId]
    links: list[Link]
    tags: list[Tag]
    aliases: list[str]
    problem: tuple[str, str] | None


class _Entry(msgspec.Struct, array_like=True):
    path: str
    note: _Note | None
    words: str  # see note_words.words_of
    names: tuple[LinkName, ...]
    draft: tuple[str, str] | None
    skipped: str | None
    attachment: bool
    stamp: tuple[int, int] | None
    linked: tuple[str, ...]
    terms: str  # see blog_lsp.relevance.terms
    shingles: bytes  # see blog_lsp.relevance.shingles


_ENCODER = msgspec.msgpack.Encoder()
# Each entry is its own msgpack record inside a list of records: decoded one at a time, each
# record is turned into an entry and dropped at once, which reads 100,000 notes about a
# third faster than one list of every record (see benchmarks/bench_cache_formats.py).
_RECORDS = msgspec.msgpack.Decoder(list[bytes])
_RECORD = msgspec.msgpack.Decoder(_Entry)


# -- frontmatter values ----------------------------------------------------------------------


def _value(value: Any) -> Any:
    """Scalars as they are; lists, mappings and dates inside a tagged list."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return ["l", [_value(item) for item in value]]
    if isinstance(value, dict):
        return ["m", [[_value(key), _value(item)] for key, item in value.items()]]
    if isinstance(value, datetime.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    raise UncacheableError(type(value).__name__)


def _read_value(value: Any) -> Any:
    if value is None or type(value) in (str, bool, int, float):
        return value
    if type(value) is not list or len(value) != 2:
        raise CorruptEntryError("a frontmatter value of an unknown shape")
    tag, content = value
    if tag == "l" and type(content) is list:
        return [_read_value(item) for item in content]
    if tag == "m" and type(content) is list:
        pairs = [item for item in content if type(item) is list and len(item) == 2]
        if len(pairs) != len(content):
            raise CorruptEntryError("a frontmatter mapping of an unknown shape")
        mapping = {}
        for key, item in pairs:
            key = _read_value(key)
            if isinstance(key, (list, dict)):
                raise CorruptEntryError("a frontmatter key that is a list or mapping")
            mapping[key] = _read_value(item)
        return mapping
    if tag in ("t", "d") and type(content) is str:
        kind = datetime.datetime if tag == "t" else datetime.date
        return kind.fromisoformat(content)
    raise CorruptEntryError("an unknown frontmatter value")


# -- entries ---------------------------------------------------------------------------------


def _record(entry: IndexEntry) -> _Entry:
    note = entry.note
    record = None
    if note is not None:
        front = note.frontmatter
        front_record = None
        if front is not None:
            front_record = _Frontmatter(
                front.range,
                [
                    _Field(f.key, f.key_range, _value(f.value), f.value_range, f.style,
                           list(f.items))
                    for f in front.fields.values()
                ],
                front.error,
                front.error_range,
                front.closed,
            )  # fmt: skip
        record = _Note(
            note.path, front_record, note.headings, note.block_ids, note.links, note.tags,
            note.aliases, note.problem,
        )  # fmt: skip
    return _Entry(
        entry.path, record, entry.words, entry.names, entry.draft, entry.skipped,
        entry.attachment, entry.stamp, entry.linked, entry.terms, entry.shingles,
    )  # fmt: skip


def encode_entries(entries: Iterable[IndexEntry]) -> bytes:
    """The entries as msgpack; raises UncacheableError for a value it cannot keep."""
    encode = _ENCODER.encode
    return encode([encode(_record(entry)) for entry in entries])


def _entry(record: _Entry) -> IndexEntry:
    if len(record.shingles) % SHINGLE_BYTES:
        raise CorruptEntryError("a draft's phrases of an unknown shape")
    note = None
    if record.note is not None:
        found = record.note
        front = None
        if found.frontmatter is not None:
            raw = found.frontmatter
            front = Frontmatter(
                raw.range,
                {
                    f.key: FrontmatterField(
                        f.key, f.key_range, _read_value(f.value), f.value_range, f.style,
                        tuple(f.items),
                    )
                    for f in raw.fields
                },
                raw.error,
                raw.error_range,
                raw.closed,
            )  # fmt: skip
        note = Note(
            found.path, front, found.headings, found.block_ids, found.links, found.tags,
            found.aliases, problem=found.problem,
        )  # fmt: skip
    return IndexEntry(
        record.path, note, record.words, record.names, record.draft, record.skipped,
        record.attachment, record.stamp, record.linked, record.terms, record.shingles,
    )  # fmt: skip


def decode_entries(data: bytes) -> list[IndexEntry]:
    """Entries from msgpack; raises CorruptEntryError for anything else."""
    try:
        decode = _RECORD.decode
        return [_entry(decode(record)) for record in _RECORDS.decode(data)]
    except CorruptEntryError:
        raise
    except (msgspec.DecodeError, TypeError, ValueError) as error:
        raise CorruptEntryError(str(error)) from error
