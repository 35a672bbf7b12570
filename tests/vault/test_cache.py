"""The persistent index: reused by stamp, rebuilt when it cannot be trusted, never a danger."""

from __future__ import annotations

import datetime
import logging
import os
import pickle
import threading
from pathlib import Path

import pytest

from blog_lsp.settings import Settings
from blog_lsp.vault import cache, codec
from blog_lsp.vault.scan import ScanReport
from blog_lsp.vault.vault import Vault

NOTES = {
    "Notes/Attention.md": "---\ntitle: Attention\ntags: [ML, transformers]\n---\n# Attention\n"
    "## Multi-head\nSee [[Transformers#Layers|layers]] and ![[chart.png]]. A ^block\n",
    "Notes/Transformers.md": "# Transformers\n## Layers\nText with #inline/tag.\n",
    "Tweets/A Draft.md": "---\ntype: Blog\ntitle: A Draft\ndate: 2025-01-02\n"
    "extra: {a: [1, 2.5, true, null], 3: x}\n---\n# A Draft\n",
    "chart.png": b"\x89PNG\r\n",
}


@pytest.fixture
def vault_root(make_vault, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    return make_vault(NOTES)


def scan(root: Path, settings: Settings | None = None) -> tuple[Vault, ScanReport]:
    report = ScanReport()
    vault = Vault(root, settings or Settings()).scanned(report=report)
    return vault, report


def same_index(one: Vault, other: Vault) -> bool:
    names = [name for name in one.index.__slots__ if name != "names_version"]
    return all(getattr(one.index, name) == getattr(other.index, name) for name in names)


def test_a_second_scan_reads_nothing_and_makes_the_same_index(vault_root):
    first, report = scan(vault_root)
    assert report.parsed == 3 and report.reused == 0
    assert cache.cache_file(vault_root).is_file()
    second, report = scan(vault_root)
    assert report.parsed == 0 and report.reused == 3
    assert same_index(first, second)
    # Frontmatter values keep their types through the cache: a date stays a date.
    draft = second.notes["Tweets/A Draft.md"]
    assert draft.frontmatter_value("date") == datetime.date(2025, 1, 2)
    assert draft.frontmatter_value("extra") == {"a": [1, 2.5, True, None], 3: "x"}


def test_only_the_note_that_changed_is_read_again(vault_root):
    scan(vault_root)
    changed = vault_root / "Notes/Transformers.md"
    changed.write_text("# Transformers\n## Layers\n## Heads\n", encoding="utf-8")
    os.utime(changed, ns=(1, 1))  # a stamp that surely differs
    (vault_root / "Notes/New.md").write_text("# New\n", encoding="utf-8")
    (vault_root / "Tweets/A Draft.md").unlink()
    vault, report = scan(vault_root)
    assert report.parsed == 2 and report.reused == 1  # the changed note and the new one
    assert [h.text for h in vault.notes["Notes/Transformers.md"].headings][-1] == "Heads"
    assert "Tweets/A Draft.md" not in vault.notes
    fresh = Vault(vault_root, Settings(cache=False)).scanned()
    assert same_index(vault, fresh)


def test_other_settings_or_another_version_mean_a_full_scan(vault_root, monkeypatch, caplog):
    scan(vault_root)
    with caplog.at_level(logging.INFO, logger="blog_lsp"):
        _, report = scan(vault_root, Settings(ignore=["Archive/**"]))
    assert report.parsed == 3
    assert any("other settings" in r.getMessage() for r in caplog.records)
    monkeypatch.setattr(cache, "FORMAT_VERSION", codec.FORMAT_VERSION + 1)
    _, report = scan(vault_root, Settings(ignore=["Archive/**"]))
    assert report.parsed == 3


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "wrong types", "empty", "pickle", "folder"],
)
def test_a_cache_that_cannot_be_trusted_is_ignored_and_rebuilt(vault_root, damage, caplog):
    first, _ = scan(vault_root)
    path = cache.cache_file(vault_root)
    data = path.read_bytes()
    planted = vault_root.parent / "planted-by-pickle"
    if damage == "garbage":
        path.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "wrong types":
        start = len(cache.MAGIC) + 4 + int.from_bytes(data[len(cache.MAGIC) :][:4], "little")
        import msgspec

        path.write_bytes(data[:start] + msgspec.msgpack.encode([[1, 2, 3]] * 3))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "pickle":
        # Whatever a file holds is data: a pickle that would run code if unpickled.
        path.write_bytes(pickle.dumps(_Planter(str(planted))))
    else:
        path.unlink()
        path.mkdir()
    with caplog.at_level(logging.INFO, logger="blog_lsp"):
        vault, report = scan(vault_root)
    assert report.parsed == 3  # everything read again
    assert same_index(first, vault)
    assert not planted.exists()
    if damage != "empty":
        assert any("cache" in r.getMessage() for r in caplog.records)
    if damage != "folder":  # rebuilt: the next scan uses it
        assert scan(vault_root)[1].reused == 3


class _Planter:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_an_unwritable_cache_folder_is_no_error(vault_root, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.tempfile, "mkstemp", refuse)
    with caplog.at_level(logging.INFO, logger="blog_lsp"):
        vault, report = scan(vault_root)
    assert len(vault.notes) == 3 and report.parsed == 3
    assert any("cannot write the cache" in r.getMessage() for r in caplog.records)
    assert not cache.cache_file(vault_root).exists()


def test_the_cache_setting_turns_it_off(vault_root):
    scan(vault_root, Settings(cache=False))
    assert not cache.cache_file(vault_root).exists()
    scan(vault_root)
    _, report = scan(vault_root, Settings(cache=False))
    assert report.parsed == 3  # not used either


def test_the_cache_lives_outside_the_vault(vault_root):
    scan(vault_root)
    assert vault_root not in cache.cache_file(vault_root).parents
    assert not [p for p in vault_root.rglob("*") if p.suffix in cache.SUFFIXES]


def test_two_writers_at_once_leave_a_whole_file(vault_root):
    first, _ = scan(vault_root)
    entries = first.index.entries()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for _ in range(20):
                cache.save(vault_root, first.settings, entries)
        except BaseException as error:  # pragma: no cover - the assertion reports it
            errors.append(error)

    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(cache.load(vault_root, first.settings)) == 3
    assert not [p for p in cache.cache_folder().iterdir() if p.name.startswith(".tmp-")]


def test_a_note_the_encoding_cannot_keep_is_read_each_time(vault_root):
    (vault_root / "Set.md").write_text("---\ntitle: !!set {a, b}\n---\n# Set\n")
    _, report = scan(vault_root)
    assert report.parsed == 4
    vault, report = scan(vault_root)
    assert report.parsed == 1 and "Set.md" in vault.notes


def test_the_folder_is_kept_under_its_bound(vault_root, monkeypatch):
    monkeypatch.setattr(cache, "MAX_FOLDER_BYTES", 1)
    folder = cache.cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / ("0" * 32 + cache.SUFFIX)
    old.write_bytes(b"x" * 100)
    os.utime(old, (1, 1))
    mine = folder / "notes.txt"  # not blog-lsp's: never removed
    mine.write_text("keep me")
    scan(vault_root)
    assert not old.exists() and mine.exists() and cache.cache_file(vault_root).exists()


def test_parallel_and_serial_scans_make_the_same_index(make_vault, tmp_path, monkeypatch):
    from blog_lsp.vault import parallel

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    root = make_vault(NOTES)
    serial = Vault(root, Settings(cache=False)).scanned(jobs=1)
    in_processes = Vault(root, Settings(cache=False)).scanned(jobs=2)
    assert same_index(serial, in_processes)
