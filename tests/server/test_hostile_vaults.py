"""The server on hostile vaults: notes it reads on request get the scan's limits, and odd files
(a link to a device, a symlink loop, a pipe, a name that is not UTF-8, a folder where the
config file should be) cost a log line at most, never a traceback or a stalled loop."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile_notes import alias_bomb
from raw_client import RawClient

BROKEN = "Tweets/how to optimize rag #2.md"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")


@pytest.fixture
def hostile_vault(example_vault: Path) -> Path:
    notes = example_vault / "Notes"
    (notes / "Huge.md").write_text("# Huge\n\n" + "The color is fine. " * 600_000, encoding="utf-8")
    (notes / "Bomb.md").write_text(f"---\n{alias_bomb('aliases', 9)}---\n# Bomb\n", "utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(notes / "Pipe.md")
    if Path("/dev/zero").exists():
        os.symlink("/dev/zero", notes / "Zero.md")
    os.symlink(notes / "Loop B.md", notes / "Loop A.md")
    os.symlink(notes / "Loop A.md", notes / "Loop B.md")
    with open(os.path.join(os.fsencode(notes), b"Caf\xe9 Latin.md"), "wb") as file:
        file.write(b"# Caf\xc3\xa9\n\nA [[Attention]] link.\n")
    return example_vault


def _started(vault: Path, log: Path) -> RawClient:
    client = RawClient(cwd=vault, log=log)
    client.initialize(vault, {"window": {"workDoneProgress": True}})
    client.wait_for("$/progress", lambda params: params["value"].get("kind") == "end")
    return client


def _at(uri: str, line: int = 0, character: int = 0) -> dict[str, Any]:
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


@POSIX
def test_requests_on_hostile_notes_are_answered_and_nothing_is_read_past_the_limits(
    hostile_vault: Path, tmp_path: Path
):
    log = tmp_path / "server.log"
    client = _started(hostile_vault, log)
    try:
        notes = hostile_vault / "Notes"
        for name in ("Huge.md", "Zero.md", "Pipe.md", "Loop A.md", "Bomb.md"):
            uri = (notes / name).as_uri()
            # Not open in the editor: the server reads the file, with the scan's limits.
            for method in ("textDocument/hover", "textDocument/documentSymbol"):
                reply = client.request(method, _at(uri))
                assert "error" not in reply, (name, method, reply)
            reply = client.request(
                "textDocument/codeAction",
                {
                    "textDocument": {"uri": uri},
                    "range": {
                        "start": {"line": 0, "character": 0},
                        "end": {"line": 0, "character": 0},
                    },
                    "context": {"diagnostics": [], "only": ["source.fixAll"]},
                },
            )
            assert not reply.get("result"), (name, reply)  # nothing to fix in an unread note
        # The vault still works: a link to a real note goes to it.
        draft = (hostile_vault / BROKEN).as_uri()
        reply = client.request("textDocument/completion", _at(draft, 14, 0))
        assert "error" not in reply
        assert client.request("shutdown", None)["result"] is None
    finally:
        client.close()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text, text


def test_a_huge_document_opened_in_the_editor_is_reported_not_parsed(
    example_vault: Path, tmp_path: Path
):
    """A 30 MB didOpen: one file-too-large diagnostic, and other notes are still served."""
    log = tmp_path / "server.log"
    client = _started(example_vault, log)
    try:
        huge = (example_vault / "Notes/Paste.md").as_uri()
        text = "The color of the behavior. " * 1_200_000  # 32 MB
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": huge, "languageId": "markdown", "version": 1, "text": text}},
        )
        published = client.wait_for(
            "textDocument/publishDiagnostics", lambda params: params["uri"] == huge
        )
        assert [d["code"] for d in published["diagnostics"]] == ["file-too-large"]
        assert client.request("textDocument/completion", _at(huge, 0, 5))["result"] is None
        draft = (example_vault / BROKEN).as_uri()
        assert "error" not in client.request("textDocument/hover", _at(draft, 0, 0))
    finally:
        client.close()
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


def test_a_folder_named_like_the_config_file_is_a_message_not_a_diagnostic(
    example_vault: Path, tmp_path: Path
):
    config = example_vault / ".blog-lsp.toml"
    if config.exists():
        config.unlink()
    config.mkdir()
    client = RawClient(cwd=example_vault, log=tmp_path / "server.log")
    try:
        client.initialize(example_vault, {"window": {"workDoneProgress": True}})
        message = client.wait_for("window/showMessage", seen=True)
        assert ".blog-lsp.toml" in message["message"], message
        client.wait_for(
            "$/progress", lambda params: params["value"].get("kind") == "end", seen=True
        )
        client.request("shutdown", None)
        published = [
            n["params"]["uri"]
            for n in client.notifications
            if n.get("method") == "textDocument/publishDiagnostics"
        ]
        assert config.as_uri() not in published
    finally:
        client.close()
        shutil.rmtree(config)
