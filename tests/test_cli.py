"""`blog-lsp check`, `blog-lsp new` and the rest of the command line, end to end."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_notes import alias_bomb, block_nesting

from blog_lsp import __version__
from blog_lsp.cli import main
from blog_lsp.findings import MAX_FINDINGS_PER_NOTE

BROKEN = "Tweets/how to optimize rag #2.md"
CLEAN = "Tweets/Understanding KV Caching in Transformers.md"
TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+\.md|\.blog-lsp\.toml):(\d+):(\d+): "
    r"(error|warning|information|hint) ([a-z0-9-]+) .+$"
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_python_dash_m_works_like_the_script():
    result = subprocess.run(
        [sys.executable, "-m", "blog_lsp", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"blog-lsp {__version__}"


def test_check_text_format_on_the_example_vault(example_vault, capsys, monkeypatch):
    monkeypatch.chdir(example_vault)
    code, out, err = run(capsys, "check")
    assert code == 1
    lines = out.splitlines()
    assert lines and all(TEXT_LINE.match(line) for line in lines), out
    assert any(
        line.startswith(f"{BROKEN}:")
        and 'warning british-spelling "optimize" -> "optimise"' in line
        for line in lines
    )
    assert "in 1 file" in err or "files" in err


def test_the_clean_draft_has_no_warnings(example_vault, capsys, monkeypatch):
    monkeypatch.chdir(example_vault)
    code, out, _ = run(capsys, "check", CLEAN)
    assert code == 0, out


def test_broken_draft_breaks_most_rules(example_vault, capsys):
    code, out, _ = run(capsys, "check", "--format", "json", str(example_vault / BROKEN))
    assert code == 1
    codes = {item["code"] for item in json.loads(out)}
    expected = {
        "british-spelling",
        "british-style",
        "spelling",
        "frontmatter-type",
        "frontmatter-date",
        "frontmatter-tags",
        "frontmatter-status",
        "seo-description-length",
        "seo-description-action",
        "seo-title-length",
        "filename-title-case",
        "filename-characters",
        "filename-title-mismatch",
        "structure-h1",
        "structure-conclusion",
        "structure-sections",
        "structure-related",
        "link-unresolved",
        "link-heading-unresolved",
        "link-ambiguous",
    }
    assert expected <= codes, expected - codes


def test_json_format_fields_and_code_point_columns(make_vault, capsys):
    root = make_vault({"Note.md": "# Title\n\nThe 😀 color is nice.\n"})
    code, out, _ = run(capsys, "check", "--format", "json", str(root))
    items = json.loads(out)
    (item,) = [i for i in items if i["code"] == "british-spelling"]
    assert set(item) == {"path", "range", "severity", "code", "message", "fix"}
    # 'The 😀 ' is 6 code points (UTF-16 would count 7): the range is in code points.
    assert item["range"] == {
        "start": {"line": 2, "character": 6},
        "end": {"line": 2, "character": 11},
    }
    assert item["fix"] == "colour" and item["severity"] == "warning"
    assert code == 1


def test_github_format(example_vault, capsys, monkeypatch):
    monkeypatch.chdir(example_vault)
    _, out, _ = run(capsys, "check", "--format", "github", BROKEN)
    lines = out.splitlines()
    assert lines and all(line.startswith(("::warning ", "::error ", "::notice ")) for line in lines)
    assert any("file=Tweets/how to optimize rag #2.md,line=" in line for line in lines)
    assert any("title=blog-lsp british-spelling::" in line for line in lines)


def test_fail_on_sets_the_exit_code(example_vault, capsys):
    assert run(capsys, "check", "--fail-on", "hint", str(example_vault))[0] == 1
    assert run(capsys, "check", "--fail-on", "error", str(example_vault / CLEAN))[0] == 0


def test_config_option_turns_rules_off(example_vault, tmp_path, capsys):
    config = tmp_path / "strict.toml"
    config.write_text('[rules]\nbritish-spelling = "off"\nlink-unresolved = "error"\n')
    _, out, _ = run(
        capsys, "check", "--format", "json", "--config", str(config), str(example_vault / BROKEN)
    )
    items = json.loads(out)
    assert not [i for i in items if i["code"] == "british-spelling"]
    assert {i["severity"] for i in items if i["code"] == "link-unresolved"} == {"error"}


def test_config_problems_are_reported_as_findings(make_vault, capsys):
    root = make_vault({"Note.md": "Fine.\n", ".blog-lsp.toml": "\nspeling_mode = 'ise'\n"})
    code, out, _ = run(capsys, "check", "--format", "json", str(root))
    (item,) = json.loads(out)
    assert item["code"] == "config-invalid"
    assert item["path"].endswith(".blog-lsp.toml")
    assert item["range"]["start"]["line"] == 1
    assert "did you mean 'spelling_mode'" in item["message"]
    assert code == 1


def test_a_config_that_is_a_folder_is_one_finding_said_once(make_vault, capsys):
    root = make_vault({"Note.md": "Fine.\n"})
    (root / ".blog-lsp.toml").mkdir()
    code, out, err = run(capsys, "check", "--format", "json", str(root / "Note.md"))
    (item,) = json.loads(out)
    assert item["code"] == "config-invalid" and "is a folder, not a file" in item["message"]
    assert "is a folder" not in err  # the finding says it; a log line would say it twice
    assert code == 1


def test_a_config_folder_marks_the_vault_as_a_config_file_does(tmp_path, capsys):
    (tmp_path / "vault" / "Notes").mkdir(parents=True)
    (tmp_path / "vault" / ".blog-lsp.toml").mkdir()
    (tmp_path / "vault" / "Notes" / "Note.md").write_text("Fine.\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--format", "json", str(tmp_path / "vault" / "Notes"))
    assert [item["code"] for item in json.loads(out)] == ["config-invalid"]


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "no/such/path"],
        ["check", "--format", "xml"],
        ["check", "--fail-on", "never"],
        ["check", "--config", "missing.toml"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv, capsys, example_vault, monkeypatch):
    monkeypatch.chdir(example_vault)
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2


def test_bad_files_are_findings_or_skips_never_crashes(make_vault, capsys):
    root = make_vault(
        {
            "Latin.md": "caf\u00e9".encode("latin-1"),
            "Binary.md": b"\x00\x01\x02",
            "Broken yaml.md": "---\ntitle: [unclosed\n---\nText\n",
            "Empty.md": "",
        }
    )
    code, out, err = run(capsys, "check", "--format", "json", str(root))
    codes = {(Path(i["path"]).name, i["code"]) for i in json.loads(out)}
    assert ("Latin.md", "file-encoding") in codes
    assert ("Broken yaml.md", "frontmatter-invalid") in codes
    assert not any(name == "Binary.md" for name, _ in codes)
    assert "Binary.md" in err
    assert code == 1


def _vault_with_a_latin1_filename(make_vault) -> Path:
    root = make_vault({"Linking.md": "# Linking\n\nSee [[Caf\u00e9]].\n"})
    # The filename's bytes are Latin-1, not UTF-8: Linux takes any bytes but '/' and NUL.
    with open(os.path.join(os.fsencode(root), b"Caf\xe9.md"), "wb") as file:
        file.write(b"# Caf\xc3\xa9\n\nThe color is nice.\n")
    return root


def _check_strictly(root: Path, *options: str) -> subprocess.CompletedProcess[bytes]:
    """`blog-lsp check` in a process whose stdout refuses anything but UTF-8."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    return subprocess.run(
        [sys.executable, "-m", "blog_lsp", "check", *options, str(root)],
        capture_output=True,
        env=environment,
        cwd=root,
        timeout=60,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux takes non-UTF-8 filenames")
def test_a_filename_that_is_not_utf8_still_gives_valid_json(make_vault):
    root = _vault_with_a_latin1_filename(make_vault)
    result = _check_strictly(root, "--format", "json")
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
    items = json.loads(result.stdout.decode("utf-8"))
    by_path = {(item["path"], item["code"]): item for item in items}
    # Shown with a replacement character, and a finding says why.
    (name_problem,) = [item for item in items if item["code"] == "filename-encoding"]
    assert name_problem["path"] == "Caf\ufffd.md"
    assert "0xe9" in name_problem["message"]
    # The note is still checked.
    assert ("Caf\ufffd.md", "british-spelling") in by_path
    assert result.returncode == 1


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux takes non-UTF-8 filenames")
@pytest.mark.parametrize("output", ["text", "github"])
def test_a_filename_that_is_not_utf8_is_valid_utf8_in_every_format(make_vault, output):
    root = _vault_with_a_latin1_filename(make_vault)
    result = _check_strictly(root, "--format", output)
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
    shown = result.stdout.decode("utf-8")
    assert "Caf\ufffd.md" in shown and "filename-encoding" in shown


def test_a_utf8_filename_has_no_filename_encoding_finding(make_vault, capsys):
    root = make_vault({"Caf\u00e9.md": "# Caf\u00e9\n\nFine.\n"})
    _, out, _ = run(capsys, "check", "--format", "json", str(root))
    assert not [item for item in json.loads(out) if item["code"] == "filename-encoding"]


def test_an_unreadable_folder_is_said_once_on_stderr(make_vault, refuse_folder, capsys):
    root = make_vault({"Open.md": "Fine.\n", "Private/Secret.md": "The color.\n"})
    refuse_folder("Private")
    code, out, err = run(capsys, "check", str(root))
    assert out == "" and code == 0
    assert err.count("Private") == 1, err
    assert "cannot read the folder Private: Permission denied" in err


def test_serve_with_a_bad_tcp_address_is_a_usage_error(capsys):
    code, _, err = run(capsys, "serve", "--tcp", "localhost")
    assert code == 2
    assert "HOST:PORT" in err


# -- blog-lsp new ----------------------------------------------------------------------------


def test_new_creates_a_draft_that_passes_the_frontmatter_rules(example_vault, capsys):
    code, out, _ = run(
        capsys,
        "new",
        "Serving Models with vLLM",
        "--vault",
        str(example_vault),
        "--tag",
        "LLM",
        "--date",
        "2025-12-31",
    )
    assert code == 0
    path = Path(out.strip())
    assert path == example_vault / "Tweets" / "Serving Models with vLLM.md"
    text = path.read_text(encoding="utf-8")
    assert "type: Blog" in text and "date: '2025-12-31'" in text and "status: draft" in text
    code, out, _ = run(capsys, "check", "--format", "json", str(path))
    codes = {item["code"] for item in json.loads(out)}
    assert not codes & {"frontmatter-type", "frontmatter-date", "frontmatter-tags", "structure-h1"}


def test_new_without_a_description_writes_a_placeholder_and_says_what_is_left(
    example_vault, capsys
):
    code, out, err = run(capsys, "new", "Serving Models with vLLM", "--vault", str(example_vault))
    assert code == 0
    text = Path(out.strip()).read_text(encoding="utf-8")
    assert "\ndescription: 'TODO: a summary for search results'\n" in text
    assert err == (
        "blog-lsp: created Tweets/Serving Models with vLLM.md; still to write:\n"
        "  - the description (a summary for search results, in the frontmatter)\n"
        "  - the topic tags (in the frontmatter and the Tags line)\n"
        "  - the Introduction, the main sections (with headings of their own) and the "
        "Conclusion\n"
        "  - the Related line: wiki-links to related notes\n"
    )
    # Given, the description is written and not listed.
    code, out, err = run(
        capsys,
        "new",
        "Batching Requests in vLLM",
        "--vault",
        str(example_vault),
        "--description",
        "Learn how vLLM batches requests.",
    )
    assert code == 0
    assert "description: Learn how vLLM batches requests.\n" in Path(out.strip()).read_text()
    assert "the description" not in err and "the Introduction" in err


def test_new_refuses_a_title_too_long_for_search_results(example_vault, capsys):
    before = sorted((example_vault / "Tweets").iterdir())
    title = "How to Optimise Retrieval-Augmented Generation Pipelines for Production Workloads"
    code, out, err = run(capsys, "new", title, "--vault", str(example_vault))
    assert code == 2 and out == ""
    assert f"The title has {len(title)} characters; search engines cut titles after 60" in err
    assert "'How to Optimise Retrieval-Augmented Generation Pipelines'" in err
    assert sorted((example_vault / "Tweets").iterdir()) == before
    # At the limit, it is created.
    code, out, _ = run(capsys, "new", "x" * 59 + "y", "--vault", str(example_vault))
    assert code == 0 and Path(out.strip()).exists()


def test_new_never_overwrites(example_vault, capsys):
    args = ("new", "A Brand New Post", "--vault", str(example_vault))
    assert run(capsys, *args)[0] == 0
    path = example_vault / "Tweets" / "A Brand New Post.md"
    path.write_text("my words", encoding="utf-8")
    code, _, err = run(capsys, *args, "--allow-duplicate")
    assert code == 1
    assert "exists" in err
    assert path.read_text(encoding="utf-8") == "my words"


def test_new_refuses_a_near_duplicate_title(example_vault, capsys):
    code, _, err = run(
        capsys, "new", "Understanding KV caching in transformers!", "--vault", str(example_vault)
    )
    assert code == 1
    assert "Understanding KV Caching in Transformers" in err


def test_new_refuses_a_description_another_draft_has(example_vault, capsys):
    text = (example_vault / CLEAN).read_text(encoding="utf-8")
    description = text.split("description: ", 1)[1].split("\n", 1)[0]
    args = ("new", "Sizing the Cache", "--vault", str(example_vault), "--description")
    code, out, err = run(capsys, *args, description)
    assert code == 1 and out == ""
    assert f"a draft with nearly identical content exists: {CLEAN}" in err
    assert not (example_vault / "Tweets/Sizing the Cache.md").exists()

    code, out, _ = run(capsys, *args, description, "--allow-duplicate")
    assert code == 0 and (example_vault / "Tweets/Sizing the Cache.md").is_file()
    other = "Learn how much memory a long conversation takes, and what to do when it runs out."
    code, _, err = run(
        capsys, "new", "Cache Budgets", "--vault", str(example_vault), "--description", other
    )
    assert code == 0, err


@pytest.mark.parametrize("title", ["../../escape", "a/b/../../c", "/etc/passwd", "../x", "NUL"])
def test_new_never_writes_outside_the_vault(example_vault, capsys, title):
    before = set(example_vault.parent.iterdir())
    code, out, _ = run(capsys, "new", title, "--vault", str(example_vault))
    assert set(example_vault.parent.iterdir()) == before
    if code == 0:
        created = Path(out.strip()).resolve()
        assert created.parent == (example_vault / "Tweets").resolve()


# -- hostile vaults: `check` finishes, prints no traceback, and exits on its findings alone ----

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges")
CLEAN_NOTE = {"Good.md": "# Good\n\nThe colour is fine.\n"}


def check_in_subprocess(*argv: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """`blog-lsp check` in its own process, so that a hang fails the test (after a generous
    timeout) instead of blocking the suite."""
    result = subprocess.run(
        [sys.executable, "-m", "blog_lsp", "check", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout, result.stderr


@needs_symlinks
def test_check_logs_symlink_loops_and_exits_on_findings_only(make_vault):
    root = make_vault(CLEAN_NOTE)
    os.symlink("b.md", root / "a.md")
    os.symlink("a.md", root / "b.md")
    os.symlink(".", root / "Loop")
    code, out, err = check_in_subprocess(cwd=root)
    assert (code, out) == (0, ""), err
    assert "skipped a.md" in err and "skipped b.md" in err
    assert "symbolic links" in err
    assert "Checked 1 note: no problems found." in err
    # Named on the command line, a loop is skipped in the same way.
    code, out, err = check_in_subprocess("a.md", "Good.md", cwd=root)
    assert (code, out) == (0, ""), err
    assert "skipped a.md" in err


@needs_symlinks
def test_check_reports_the_note_under_its_own_name(make_vault):
    root = make_vault({"Notes/Real.md": "The color.\n"})
    os.symlink(Path("Notes", "Real.md"), root / "Link.md")
    code, out, _ = check_in_subprocess("--format", "json", ".", cwd=root)
    assert code == 1
    assert {item["path"] for item in json.loads(out)} == {"Notes/Real.md", "Link.md"}


@needs_fifo
def test_check_does_not_wait_on_a_named_pipe(make_vault):
    root = make_vault(CLEAN_NOTE)
    os.mkfifo(root / "x.md")
    code, out, err = check_in_subprocess(cwd=root)
    assert (code, out) == (0, ""), err
    assert "skipped x.md: it is a named pipe" in err


@needs_symlinks
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_check_does_not_read_a_link_to_a_device(make_vault):
    root = make_vault(CLEAN_NOTE)
    os.symlink("/dev/zero", root / "zero.md")
    code, out, err = check_in_subprocess(cwd=root)
    assert (code, out) == (0, ""), err
    assert "skipped zero.md: it is a device" in err


@pytest.mark.parametrize(
    "frontmatter",
    [alias_bomb("aliases", levels=9), block_nesting(400, "title")],
    ids=["alias bomb", "deep nesting"],
)
def test_check_reports_hostile_frontmatter_and_checks_the_rest(make_vault, frontmatter):
    root = make_vault({"Hostile.md": f"---\n{frontmatter}---\n# Hostile\n\nThe color.\n"})
    code, out, err = check_in_subprocess("--format", "json", str(root))
    assert code == 1
    codes = [item["code"] for item in json.loads(out)]
    assert sorted(codes) == ["british-spelling", "frontmatter-invalid"], err
    assert err == ""


@needs_symlinks
def test_new_refuses_a_symlink_loop_where_the_draft_would_go(make_vault, capsys):
    root = make_vault({})
    (root / "Tweets").mkdir()
    os.symlink("Loop Post.md", root / "Tweets" / "Loop Post.md")
    code, out, err = run(capsys, "new", "Loop Post", "--vault", str(root))
    assert (code, out) == (1, "")
    assert "already exists" in err
    assert os.path.islink(root / "Tweets" / "Loop Post.md")


def test_check_caps_the_findings_of_a_megabyte_of_american_spellings(make_vault):
    sentence = "The color of the behavior was analyzed. "
    root = make_vault({"Long.md": "# Long\n\n" + sentence * (1_000_000 // len(sentence)) + "\n"})
    code, out, err = check_in_subprocess("--format", "json", cwd=root)
    assert code == 1
    items = json.loads(out)
    assert len(items) == MAX_FINDINGS_PER_NOTE + 1
    assert [item["code"] for item in items].count("findings-truncated") == 1
    assert err == ""


# -- a new user's first hour -------------------------------------------------------------------


def test_new_into_a_missing_vault_folder_is_a_usage_error(example_vault, capsys, monkeypatch):
    monkeypatch.chdir(example_vault)
    before = sorted(example_vault.rglob("*"))
    with pytest.raises(SystemExit) as stop:
        main(["new", "A Post", "--vault", "no-such-folder"])
    assert stop.value.code == 2
    assert "no such folder: no-such-folder" in capsys.readouterr().err
    assert sorted(example_vault.rglob("*")) == before


@pytest.mark.parametrize("title", ["", "   ", "...", "..", " - ? "])
def test_new_with_a_blank_title_is_a_usage_error(example_vault, capsys, title):
    with pytest.raises(SystemExit) as stop:
        main(["new", title, "--vault", str(example_vault)])
    assert stop.value.code == 2
    assert "the title" in capsys.readouterr().err
    assert not (example_vault / "Tweets" / "Untitled Draft.md").exists()


def test_new_says_at_once_that_the_same_title_exists(example_vault, capsys):
    args = ("new", "A Brand New Post", "--vault", str(example_vault))
    assert run(capsys, *args)[0] == 0
    for extra in ((), ("--allow-duplicate",)):
        code, out, err = run(capsys, *args, *extra)
        assert (code, out) == (1, "")
        # Vault-relative, as every other message; no advice to pass --allow-duplicate.
        assert err == (
            "blog-lsp: A note already exists at 'Tweets/A Brand New Post.md'; blog-lsp never "
            "overwrites a file. Choose another title, or open the existing note.\n"
        )


def test_the_near_duplicate_message_names_the_cli_option(example_vault, capsys):
    _, _, err = run(
        capsys, "new", "Understanding KV caching in transformers!", "--vault", str(example_vault)
    )
    assert "--allow-duplicate" in err and "allowDuplicate" not in err


def test_new_says_what_a_date_looks_like(example_vault, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["new", "A Post", "--vault", str(example_vault), "--date", "yesterday"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "YYYY-MM-DD" in err and "fromisoformat" not in err


def test_check_of_no_note_says_nothing_was_checked(example_vault, capsys):
    (example_vault / "attachments" / "diagram.png").write_bytes(b"\x89PNG\r\n")
    code, out, err = run(capsys, "check", str(example_vault / "attachments" / "diagram.png"))
    assert (code, out) == (2, "")
    assert "No problems found" not in err
    assert "nothing was checked" in err.lower()


def test_the_summary_counts_the_notes_checked(example_vault, capsys):
    notes = len(list(example_vault.rglob("*.md")))
    _, _, err = run(capsys, "check", str(example_vault))
    assert err.startswith(f"Checked {notes} notes: ") and "in 1 file." in err
    code, _, err = run(capsys, "check", str(example_vault / CLEAN))
    assert (code, err) == (0, "Checked 1 note: no problems found.\n")


def test_config_invalid_follows_the_rules_setting(make_vault, capsys):
    config = "bogus = 1\n[rules]\nconfig-invalid = '{}'\n"
    root = make_vault({"Note.md": "Fine.\n", ".blog-lsp.toml": config.format("error")})
    code, out, err = run(capsys, "check", "--format", "json", str(root))
    (item,) = json.loads(out)
    assert (item["code"], item["severity"], code) == ("config-invalid", "error", 1)
    (root / ".blog-lsp.toml").write_text(config.format("off"), encoding="utf-8")
    code, out, err = run(capsys, "check", "--format", "json", str(root))
    assert (code, json.loads(out), err) == (0, [], "")


def test_a_setting_problem_is_said_once(make_vault, capsys):
    root = make_vault({"Note.md": "Fine.\n", ".blog-lsp.toml": "bogus = 1\n"})
    _, out, err = run(capsys, "check", str(root))
    assert (out + err).count("unknown setting 'bogus'") == 1
    run(capsys, "new", "A Post", "--vault", str(root))
    assert capsys.readouterr().err.count("unknown setting 'bogus'") <= 1


# -- speed: the index cache, processes, the progress bar -------------------------------------


def _many_notes(make_vault, count: int = 260) -> Path:
    files = {
        f"Notes/Note {n}.md": f"# Note {n}\n\nA color, a link to [[Note {n + 1}]] and "
        f"[[Missing {n % 7}]]. Optimize it.\n"
        for n in range(count)
    }
    files["Tweets/Draft.md"] = "---\ntype: Blog\n---\n# A behavior\n"
    return make_vault(files)


def test_check_gives_the_same_bytes_with_one_process_or_two(make_vault, tmp_path):
    root = _many_notes(make_vault)
    env = {**os.environ, "BLOG_LSP_CACHE_DIR": str(tmp_path / "cache")}
    outputs = []
    for argv in (["--jobs", "1", "--no-cache"], ["--jobs", "2"], ["--jobs", "2"], ["--jobs", "1"]):
        result = subprocess.run(
            [sys.executable, "-m", "blog_lsp", "check", "--format", "json", *argv, str(root)],
            capture_output=True,
            env=env,
            timeout=300,
        )
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stderr
        outputs.append(result.stdout)
    assert len(json.loads(outputs[0])) > 500
    assert outputs[1:] == [outputs[0]] * 3  # processes, then stored findings: the same bytes


def test_no_cache_writes_nothing(make_vault, tmp_path):
    root = make_vault({"Note.md": "# Note\n\nA color.\n"})
    env = {**os.environ, "BLOG_LSP_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run(
        [sys.executable, "-m", "blog_lsp", "check", "--no-cache", str(root)],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert not (tmp_path / "cache").exists()
    subprocess.run(
        [sys.executable, "-m", "blog_lsp", "check", str(root)],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] != []


def test_jobs_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--jobs", "0", "."])
    assert exit_info.value.code == 2
    assert "1 or more" in capsys.readouterr().err


def test_the_progress_bar_shows_only_after_a_second_and_wipes_itself(monkeypatch):
    import io

    from blog_lsp import progress

    clock = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    stream = io.StringIO()
    bar = progress.ProgressBar(stream)
    bar.update(10, 100)
    assert stream.getvalue() == ""  # a quick run shows nothing
    clock[0] += 1.5
    bar.update(50, 100)
    assert "50/100 notes" in stream.getvalue() and "#" * 15 in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r")
