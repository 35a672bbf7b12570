"""The one settings schema: TOML file, editor settings, validation messages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from blog_lsp import settings
from blog_lsp.rules import RULES
from blog_lsp.settings import DEFAULTS, Settings, load, merge


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".blog-lsp.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_follow_the_spec():
    assert DEFAULTS.drafts_folder == "Tweets"
    assert DEFAULTS.description_max_length == 160
    assert DEFAULTS.required_fields == ["type", "title", "date", "tags", "description", "status"]
    assert DEFAULTS.status_values == ["draft", "review", "published"]
    assert "fine-tuning" in DEFAULTS.tag_vocabulary


def test_flat_and_nested_keys_both_work(tmp_path):
    path = write_config(
        tmp_path,
        'drafts_folder = "Posts"\n[spelling]\nmode = "oxford"\n[rules]\nbritish-style = "off"\n',
    )
    loaded, problems = load(path)
    assert problems == []
    assert loaded.drafts_folder == "Posts"
    assert loaded.spelling_mode == "oxford"
    assert loaded.rules == {"british-style": "off"}


def test_editor_settings_use_camel_case_and_win_over_the_file(tmp_path):
    path = write_config(tmp_path, 'spelling_mode = "oxford"\n[rules]\nspelling = "off"\n')
    loaded, problems = load(path, {"spellingMode": "ise", "rules": {"link-ambiguous": "hint"}})
    assert problems == []
    assert loaded.spelling_mode == "ise"
    # Rules merge rule by rule: the file's rule survives the editor's.
    assert loaded.rules == {"spelling": "off", "link-ambiguous": "hint"}


@pytest.mark.parametrize(
    ("toml", "key", "words"),
    [
        ("drafts_folder = 3", "drafts_folder", "text"),
        ('description_max_length = "long"', "description_max_length", "whole number"),
        ("description_max_length = 0", "description_max_length", "at least 1"),
        ("duplicate_title_similarity = 101", "duplicate_title_similarity", "at most 100"),
        ('spelling_mode = "american"', "spelling_mode", "'ise', 'oxford'"),
        ("accepted_words = [1, 2]", "accepted_words", "list of text"),
        ('[rules]\nnot-a-rule = "off"', "rules", "unknown rule"),
        ('[rules]\nspelling = "loud"', "rules", "use one of"),
        ('drafts_foldr = "x"', "drafts_foldr", "did you mean 'drafts_folder'"),
        ("max_file_size = true", "max_file_size", "whole number"),
    ],
)
def test_bad_values_name_the_key_and_keep_the_default(tmp_path, toml, key, words):
    loaded, problems = load(write_config(tmp_path, toml))
    assert len(problems) == 1
    assert problems[0].key == key
    assert words in problems[0].message
    assert loaded == Settings()


def test_one_bad_key_does_not_discard_the_good_ones(tmp_path):
    loaded, problems = load(write_config(tmp_path, 'drafts_folder = "Posts"\nfoo = 1\n'))
    assert loaded.drafts_folder == "Posts"
    assert [p.key for p in problems] == ["foo"]
    assert problems[0].line == 1


def test_invalid_toml_is_a_problem_not_a_crash(tmp_path):
    loaded, problems = load(write_config(tmp_path, "drafts_folder = \n"))
    assert loaded == Settings()
    assert "not valid TOML" in problems[0].message


def test_non_utf8_config_is_a_problem(tmp_path):
    path = tmp_path / ".blog-lsp.toml"
    path.write_bytes(b"drafts_folder = '\xff'\n")
    loaded, problems = load(path)
    assert loaded == Settings() and "cannot read" in problems[0].message


def test_a_config_that_is_a_folder_is_a_problem(tmp_path):
    (tmp_path / ".blog-lsp.toml").mkdir()
    loaded, problems = load(tmp_path / ".blog-lsp.toml")
    assert loaded == Settings()
    (problem,) = problems
    assert problem.source == ".blog-lsp.toml" and problem.line is None
    assert ".blog-lsp.toml is a folder, not a file" in problem.message


def test_an_unreadable_config_is_a_problem(tmp_path, monkeypatch):
    path = write_config(tmp_path, 'drafts_folder = "Posts"\n')
    real_read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == path:  # chmod would not stop root, who runs some test machines
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    loaded, problems = load(path)
    assert loaded == Settings()
    (problem,) = problems
    assert problem.message == (
        "cannot read .blog-lsp.toml: Permission denied; its settings are not used."
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_config_that_is_a_named_pipe_is_a_problem_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / ".blog-lsp.toml")  # opening it to read would wait for a writer
    loaded, problems = load(tmp_path / ".blog-lsp.toml")
    assert loaded == Settings()
    assert "not a regular file" in problems[0].message


def test_a_missing_config_is_no_problem(tmp_path):
    assert load(tmp_path / ".blog-lsp.toml") == (Settings(), [])


def test_editor_settings_that_are_not_a_table():
    loaded, problems = merge([("editor settings", ["not", "a", "table"])])  # type: ignore[list-item]
    assert loaded == Settings() and problems


def test_schema_lists_every_setting_with_its_editor_key_and_default():
    rows = {row["key"]: row for row in settings.schema()}
    assert set(rows) == set(settings.SETTING_FIELDS)
    assert rows["spelling_mode"]["editorKey"] == "blogLsp.spellingMode"
    assert rows["spelling_mode"]["choices"] == ["ise", "oxford"]
    assert rows["description_max_length"]["default"] == 160
    assert all(row["description"] for row in rows.values())
    assert set(rows["rules"]["value_choices"]) == {"error", "warning", "information", "hint", "off"}


def test_every_rule_code_can_be_configured():
    loaded, problems = merge([("t", {"rules": {code: "off" for code in RULES}})])
    assert problems == []
    assert set(loaded.rules) == set(RULES)


def test_a_bad_rule_entry_does_not_discard_the_good_ones(tmp_path):
    loaded, problems = load(
        write_config(tmp_path, '[rules]\nbritish-style = "off"\nno-such-rule = "off"\n')
    )
    assert loaded.rules == {"british-style": "off"}
    assert [p.key for p in problems] == ["rules"]
    assert "no-such-rule" in problems[0].message
