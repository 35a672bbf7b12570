"""`blog-lsp status PATH STATUS`: the status set in the file (its quoting kept), publishing
refused with the reasons while warnings are left, unknown statuses, notes that are no draft,
symbolic links and files changed meanwhile left alone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from blog_lsp import autofix
from blog_lsp.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vault"
CLEAN = "Tweets/Understanding KV Caching in Transformers.md"
BROKEN = "Tweets/how to optimize rag #2.md"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    target = tmp_path / "vault"
    shutil.copytree(EXAMPLE, target)
    return target


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["status", *argv])
    return code, capsys.readouterr().err


def status_line(path: Path) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if "status:" in line)


def test_a_clean_draft_is_published_and_only_its_status_changes(vault, capsys) -> None:
    draft = vault / CLEAN
    before = draft.read_text(encoding="utf-8")
    code, err = run(capsys, str(draft), "published")
    assert code == 0
    assert err.strip() == f"{CLEAN}: status draft -> published"
    after = draft.read_text(encoding="utf-8")
    assert after == before.replace("status: draft\n", "status: published\n", 1)
    # Asked again: nothing to do, nothing written.
    code, err = run(capsys, str(draft), "Published")
    assert (code, err.strip()) == (0, f"{CLEAN}: the status is already published.")
    assert draft.read_text(encoding="utf-8") == after


def test_publishing_is_refused_with_the_reasons_while_warnings_are_left(vault, capsys) -> None:
    draft = vault / BROKEN
    before = draft.read_bytes()
    code, err = run(capsys, str(draft), "published")
    assert code == 1
    assert "warning" in err and "Line " in err and "more" in err
    assert draft.read_bytes() == before
    # Review is another matter: the draft goes to review with its warnings.
    code, _ = run(capsys, str(draft), "review")
    assert code == 0 and "review" in status_line(draft)


def test_an_unknown_status_is_a_usage_error_and_a_plain_note_has_none(vault, capsys) -> None:
    code, err = run(capsys, str(vault / CLEAN), "finished")
    assert code == 2 and "draft, review, published" in err
    note = next(path for path in (vault / "Notes").rglob("*.md"))
    before = note.read_bytes()
    code, err = run(capsys, str(note), "review")
    assert code == 1 and "is not a blog draft" in err
    assert note.read_bytes() == before


def test_a_symbolic_link_and_a_file_saved_meanwhile_are_left_alone(
    vault, capsys, monkeypatch
) -> None:
    draft = vault / CLEAN
    link = vault / "Tweets" / "Link.md"
    os.symlink(draft, link)
    before = draft.read_bytes()
    code, err = run(capsys, str(link), "review")
    assert code == 1 and "symbolic link" in err
    assert draft.read_bytes() == before

    # The editor saves the draft between the read and the write: its text wins.
    real = autofix.replace_if_unchanged

    def saved_meanwhile(path: Path, original: bytes, new: bytes) -> str | None:
        path.write_bytes(original + b"\nA line the writer typed.\n")
        return real(path, original, new)

    monkeypatch.setattr(autofix, "replace_if_unchanged", saved_meanwhile)
    code, err = run(capsys, str(draft), "review")
    assert code == 1 and "changed since it was read" in err
    assert draft.read_bytes().endswith(b"A line the writer typed.\n")
    assert b"status: draft" in draft.read_bytes()
