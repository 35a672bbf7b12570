"""End to end in a real Emacs with eglot, through editors/emacs/blog-lsp.el itself.

A batch Emacs with no init file (``emacs --batch --no-init-file``: the packages installed, as a fresh user has them) loads the plugin and hooks it into markdown-mode as the
README says, with only the server command set to this checkout's server in this Python; a Lisp
driver (``emacs/driver.el``) does what a writer does on a copy of the example vault and
writes what Emacs then shows as JSON; the assertions are here. Debian's ``emacs-nox``,
``elpa-eglot`` and ``elpa-markdown-mode`` (which ``.ci/run`` installs) provide Emacs 28 with
eglot 1.9; without an Emacs that has eglot and markdown-mode the module is skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
PLUGIN = REPO / "editors" / "emacs" / "blog-lsp.el"
DRIVER = Path(__file__).resolve().parent / "emacs" / "driver.el"
TIMEOUT_SECONDS = 180  # generous: the whole run takes a few seconds; each wait is bounded


def _emacs_with_eglot() -> str | None:
    emacs = shutil.which("emacs")
    if emacs is None:
        return None
    probe = "(progn (require 'eglot) (require 'markdown-mode))"
    try:
        subprocess.run(
            [emacs, "--batch", "--no-init-file", "--eval", probe], capture_output=True, timeout=60, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return emacs


EMACS = _emacs_with_eglot()
pytestmark = pytest.mark.skipif(
    EMACS is None, reason="needs Emacs with eglot and markdown-mode (apt-get install emacs-nox "
    "elpa-eglot elpa-markdown-mode)"
)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One Emacs run over every scenario (each would otherwise start Emacs and the server)."""
    assert EMACS is not None
    base = tmp_path_factory.mktemp("emacs")
    vault = base / "vault"
    shutil.copytree(REPO / "examples" / "vault", vault)
    outside = base / "elsewhere" / "README.md"
    outside.parent.mkdir()
    outside.write_text("# A project\n\nThe color of it.\n", encoding="utf-8")
    results = base / "results.json"
    config = base / "config.json"
    config.write_text(
        json.dumps(
            {
                "vault": str(vault),
                "plugin": str(PLUGIN),
                "cmd": [sys.executable, "-m", "blog_lsp"],
                "outside": str(outside),
                "results": str(results),
            }
        ),
        encoding="utf-8",
    )
    home = base / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    completed = subprocess.run(
        [EMACS, "--batch", "--no-init-file", "-l", str(DRIVER), str(config)],
        cwd=vault,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if not results.exists():
        pytest.fail(f"Emacs wrote no results (exit {completed.returncode}):\n{completed.stderr}")
    data: dict[str, Any] = json.loads(results.read_text(encoding="utf-8"))
    assert "error" not in data, f"{data['error']}\n{completed.stderr[-4000:]}"
    data["vault"] = vault
    return data


def test_blog_lsp_stays_out_of_markdown_files_outside_a_vault(session):
    assert session["outside_mode"] == "markdown-mode"
    assert session["outside_managed"] is False


def test_diagnostics_have_exact_columns_on_a_line_with_an_emoji(session):
    # eglot 1.9 offers no position encodings: the server speaks UTF-16, where the emoji is two
    # units; Emacs counts it as one character, and the diagnostic still covers the word.
    assert session["position_encoding"] == "utf-16"
    spelling = [d for d in session["diagnostics"] if "colour" in d["message"]]
    assert spelling == [
        {
            "line": 2,
            "column": len("Mood 😀 and "),
            "text": "color",
            "type": "eglot-warning",
            "message": spelling[0]["message"],
        }
    ]
    assert "british-spelling" in spelling[0]["message"]


def test_a_quick_fix_and_no_selection_action_without_a_region(session):
    assert "Change to 'colour'" in session["actions_without_region"]
    assert not [t for t in session["actions_without_region"] if t.startswith("New blog draft")]
    assert session["after_quick_fix"] == "Mood 😀 and colour here."
    assert [t for t in session["actions_with_region"] if t.startswith("New blog draft")]


def test_wiki_link_completion_with_completion_at_point(session):
    assert "Attention" in session["candidates"]
    assert session["after_completion"] == "See [[Attention]]"


def test_go_to_definition_of_a_heading_link(session):
    assert session["definition"] == {
        "file": "Notes/Transformers.md",
        "line": "## Decoder-only models",
    }


def test_new_draft_command(session):
    assert session["new_draft"] == {"file": "Tweets/My Emacs Post.md", "first_line": "---"}
    assert (session["vault"] / "Tweets" / "My Emacs Post.md").is_file()
    same, near = session["refusals"]
    assert "A note already exists at 'Tweets/My Emacs Post.md'" in same
    assert "C-u" not in same
    assert "nearly identical title" in near and "C-u M-x blog-lsp-new-draft" in near
    assert not (session["vault"] / "Tweets" / "My Emacs Posts.md").exists()
