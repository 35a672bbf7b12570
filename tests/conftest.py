"""Shared fixtures: copies of the example vault, so no test writes into the repository."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_VAULT = REPO / "examples" / "vault"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def example_vault(tmp_path: Path) -> Path:
    """A fresh copy of examples/vault."""
    target = tmp_path / "vault"
    shutil.copytree(EXAMPLE_VAULT, target)
    return target


@pytest.fixture
def make_vault(tmp_path: Path):
    """Build a small vault from {relative path: text or bytes}; returns its root."""

    def build(files: dict[str, str | bytes], *, obsidian: bool = True) -> Path:
        root = tmp_path / "made-vault"
        root.mkdir(exist_ok=True)
        if obsidian:
            (root / ".obsidian").mkdir(exist_ok=True)
        for relative, content in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return build


@pytest.fixture
def refuse_folder(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make folders of a given name unreadable, as os.walk sees them (it lists a folder with
    os.scandir). chmod would not do: root, who runs some test machines, reads any folder."""

    def refuse(name: str) -> None:
        real_scandir = os.scandir

        def scandir(path: str = ".") -> object:
            if os.fspath(path).endswith(os.sep + name):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)

    return refuse


@pytest.fixture(autouse=True, scope="session")
def _index_cache_of_its_own(tmp_path_factory):
    """The index cache goes to a folder of the test run's (servers started by the tests
    inherit it), never to the user's cache folder."""
    import os

    folder = tmp_path_factory.mktemp("index-cache")
    previous = os.environ.get("BLOG_LSP_CACHE_DIR")
    os.environ["BLOG_LSP_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["BLOG_LSP_CACHE_DIR"]
    else:
        os.environ["BLOG_LSP_CACHE_DIR"] = previous
