"""`blog-lsp related PATH` and `blog-lsp tags PATH`: text and JSON, limits, bad paths."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from blog_lsp.cli import main

VAULT = Path(__file__).resolve().parent / "vault"
DRAFT = "Tweets/Why Your Retriever Needs a Reranker.md"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    target = tmp_path / "vault"
    shutil.copytree(VAULT, target)
    return target


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_related_prints_the_related_notes_best_first(vault, capsys):
    code, out, _ = run(capsys, "related", str(vault / DRAFT), "--limit", "3")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].split("  ")[1] in ("[[Rerankers]]", "[[Hybrid Search with BM25]]")
    scores = [float(line.split()[0]) for line in lines]
    assert scores == sorted(scores, reverse=True)


def test_related_as_json_has_the_commands_shape(vault, capsys):
    code, out, _ = run(capsys, "related", str(vault / DRAFT), "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert 3 <= len(found) <= 10
    assert all(item.keys() == {"target", "path", "title", "score", "why"} for item in found)
    assert {"Notes/RAG/Rerankers.md", "Notes/RAG/Hybrid Search with BM25.md"} <= {
        item["path"] for item in found
    }
    assert DRAFT not in {item["path"] for item in found}


def test_tags_suggests_tags_the_note_lacks(vault, capsys):
    code, out, _ = run(capsys, "tags", str(vault / DRAFT), "--format", "json", "--limit", "5")
    assert code == 0
    found = json.loads(out)
    assert 1 <= len(found) <= 5
    assert found[0] == {"tag": "RAG", "score": found[0]["score"], "source": "vault"}
    assert not {"search", "blog"} & {item["tag"] for item in found}  # the draft has them
    code, out, _ = run(capsys, "tags", str(vault / DRAFT))
    assert out.splitlines()[0].split()[1:] == ["#RAG", "(vault)"]


def test_a_note_that_shares_nothing_prints_nothing_and_says_so(vault, capsys):
    lonely = vault / "Notes" / "Lonely.md"
    lonely.write_text("# Zzyzx\n\nQuokka.\n", encoding="utf-8")
    code, out, err = run(capsys, "related", str(lonely))
    assert code == 0 and out == ""
    assert "no related notes" in err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["related", "missing.md"], "no such note"),
        (["tags", "."], "needs a Markdown note"),
        (["related", "{draft}", "--limit", "0"], "from 1 to 100"),
        (["related", "{draft}", "--limit", "many"], "from 1 to 100"),
        (["tags", "{draft}", "--format", "xml"], "invalid choice"),
    ],
)
def test_bad_arguments_are_usage_errors(vault, capsys, arguments, message):
    argv = [argument.replace("{draft}", str(vault / DRAFT)) for argument in arguments]
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_a_note_that_cannot_be_read_is_reported(vault, capsys):
    broken = vault / "Notes" / "Broken.md"
    broken.write_bytes(b"# Title\n\xff\xfe not text\n")
    code, out, err = run(capsys, "related", str(broken))
    assert code == 1 and out == ""
    assert "not UTF-8" in err
