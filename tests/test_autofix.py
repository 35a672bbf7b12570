"""`blog-lsp check --fix`: safe fixes written into the notes, and nothing else."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from blog_lsp import autofix
from blog_lsp.cli import main
from blog_lsp.findings import Edit, Finding, Fix, InsertLines, Severity
from blog_lsp.text import Range

BROKEN = "Tweets/how to optimize rag #2.md"
AMERICAN = "# Notes\n\nThe color of the center, and its gray behavior.\n"
BRITISH = "# Notes\n\nThe colour of the centre, and its grey behaviour.\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", "--jobs", "1", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def files_of(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


# -- the command -----------------------------------------------------------------------------


def test_a_fixed_note_reads_as_expected_and_check_exits_on_what_is_left(make_vault, capsys):
    root = make_vault({"Notes/Colours.md": AMERICAN})

    code, out, err = run(capsys, "--fix", str(root))

    assert (root / "Notes/Colours.md").read_text(encoding="utf-8") == BRITISH
    assert "fixed 4 problems in Notes/Colours.md\nFixed 4 problems in 1 file.\n" in err
    assert out == "" and code == 0  # nothing left: the exit status of a clean check
    assert run(capsys, str(root))[0] == 0


def test_the_broken_draft_gets_its_certain_fixes_and_keeps_the_rest(example_vault, capsys):
    note = example_vault / BROKEN
    before = note.read_text(encoding="utf-8")

    code, out, err = run(capsys, "--fix", "--format", "json", str(example_vault))

    after = note.read_text(encoding="utf-8")
    assert "fixed 15 problems in Tweets/how to optimize rag #2.md" in err
    # Certain: spellings, the type, the date, the blog tag.
    assert "type: Blog\n" in after and "date: '2025-10-14'\n" in after
    assert "tags: [blog, ML, RAG]\n" in after and "the behaviour of a real pipeline" in after
    # Not certain, so left as they were: a status that is a guess, the missing H1 (the
    # writer's words), the typo (a suggestion), the file's name (a rename).
    assert "status: drafted\n" in after and "\n# " not in after and "retreival" in after
    assert before.count("\n") == after.count("\n")  # no line added
    left = json.loads(out)  # standard output is the findings only
    assert {item["code"] for item in left} >= {"frontmatter-status", "structure-h1", "spelling"}
    assert not [item for item in left if item["fix"] is not None]
    assert code == 1


def test_unsafe_fixes_are_not_applied(make_vault, capsys):
    text = "---\ntype: Blog\ntitle: Vector Search\nstatus: wip\n---\n\nText.\n"
    root = make_vault({"Tweets/vector search.md": text})
    before = files_of(root)

    code, _, err = run(capsys, "--fix", str(root))

    assert files_of(root) == before  # no rename, no lines, no guessed status
    assert "Fixed 0 problems in 0 files." in err and code == 1


def test_a_note_changed_while_it_is_fixed_is_left_alone(make_vault, capsys, monkeypatch):
    root = make_vault({"Notes/Colours.md": AMERICAN, "Notes/Other.md": "The gray sky.\n"})
    note = root / "Notes/Colours.md"
    saved = "# Notes\n\nThe writer saved this meanwhile: color.\n"
    fixed_text = autofix.fixed_text

    def saved_meanwhile(text: str, fixes: list[Fix]) -> str:
        if "center" in text:
            note.write_text(saved, encoding="utf-8")
        return fixed_text(text, fixes)

    monkeypatch.setattr(autofix, "fixed_text", saved_meanwhile)

    code, out, err = run(capsys, "--fix", str(root))

    assert note.read_text(encoding="utf-8") == saved
    assert "not fixed: Notes/Colours.md changed since it was read" in err
    assert (root / "Notes/Other.md").read_text(encoding="utf-8") == "The grey sky.\n"
    assert "fixed 1 problem in Notes/Other.md" in err
    assert '"color" -> "colour"' in out and code == 1  # what is left is reported
    assert not [path for path in note.parent.iterdir() if path.name.startswith(".blog-lsp-")]


def test_the_file_keeps_its_mode_and_line_endings(make_vault, capsys):
    root = make_vault({"Notes/Colours.md": AMERICAN.replace("\n", "\r\n").encode("utf-8")})
    note = root / "Notes/Colours.md"
    os.chmod(note, 0o640)

    run(capsys, "--fix", str(root))

    assert note.read_bytes() == BRITISH.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(note.stat().st_mode) == 0o640


needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


@needs_symlinks
def test_nothing_outside_the_vault_is_written(make_vault, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Elsewhere.md").write_text(AMERICAN, encoding="utf-8")
    root = make_vault({"Notes/Colours.md": AMERICAN})
    os.symlink(outside / "Elsewhere.md", root / "Notes/Linked.md")
    before_outside = files_of(outside)

    _, _, err = run(capsys, "--fix", str(root))

    assert files_of(outside) == before_outside
    assert (root / "Notes/Linked.md").is_symlink()
    assert "not fixed: Notes/Linked.md is a symbolic link" in err
    assert (root / "Notes/Colours.md").read_text(encoding="utf-8") == BRITISH
    assert set(files_of(root)) == {"Notes/Colours.md"}  # no temporary file left behind


# -- which fixes --------------------------------------------------------------------------------


def edit_fix(line: int, start: int, end: int, text: str, *, safe: bool = True) -> Fix:
    return Fix.replace(f"Change to '{text}'", Range.on_line(line, start, end), text, safe=safe)


def found(*fixes: Fix) -> list[Finding]:
    return [
        Finding(Range.on_line(0, 0, 0), Severity.WARNING, "british-spelling", "x", (fix,))
        for fix in fixes
    ]


def test_overlapping_fixes_are_both_left_out_and_the_others_applied() -> None:
    text = "abcdefghij\n"
    first, overlapping = edit_fix(0, 0, 4, "W"), edit_fix(0, 2, 6, "X")
    apart, touching = edit_fix(0, 8, 9, "Y"), edit_fix(0, 9, 10, "Z")
    chosen = autofix.applicable(found(first, overlapping, apart, touching))
    assert chosen == [apart, touching]
    assert autofix.fixed_text(text, chosen) == "abcdefghYZ\n"
    # Inside another edit, or two insertions at one place: in which order is a guess.
    inside, outer = edit_fix(0, 3, 3, "I"), edit_fix(0, 1, 6, "O")
    assert autofix.applicable(found(inside, outer)) == []
    here, there = edit_fix(0, 5, 5, "A"), edit_fix(0, 5, 5, "B")
    assert autofix.applicable(found(here, there, first)) == [first]
    # The same fix from two findings is made once.
    assert autofix.applicable(found(first, first)) == [first]


def test_only_safe_fixes_of_edits_are_applicable() -> None:
    unsafe = edit_fix(0, 0, 1, "x", safe=False)
    lines = Fix("Add a line", (InsertLines(0, "text"),), safe=True)
    both = Fix("Both", (Edit(Range.on_line(0, 5, 6), "y"), InsertLines(1, "z")), safe=True)
    safe = edit_fix(0, 2, 3, "s")
    assert autofix.applicable(found(unsafe, lines, both, safe)) == [safe]


def test_edits_of_one_fix_are_made_together_on_several_lines() -> None:
    text = "one\ntwo\r\nthree"
    fix = Fix(
        "Both",
        (Edit(Range.on_line(2, 0, 5), "3"), Edit(Range.on_line(0, 0, 3), "1")),
        safe=True,
    )
    assert autofix.fixed_text(text, autofix.applicable(found(fix))) == "1\ntwo\r\n3"
