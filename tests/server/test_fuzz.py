"""The server fuzzed through its stdio: random edits (hostile characters, positions past the
end) and random requests, some malformed. After each case the server has answered every
request, is still running, and every diagnostic it published lies inside the document as the
client holds it at that version, with each British-spelling range on its American word.

Bounded and seeded: ``BLOG_LSP_FUZZ_EXAMPLES`` cases (default 60), the same ones every run.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsp_spec import SpecDocument, line_starts, units
from raw_client import RawClient

EXAMPLES = int(os.environ.get("BLOG_LSP_FUZZ_EXAMPLES", "60"))
AMERICAN = ("color", "behavior", "center", "optimize")
PIECES = [
    "\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c",
    "😀", "👩‍💻", "e\u0301", "é", " ", ". ", "[[", "]]", "#", "---\n", "`", "$",
    "The ", "note ", "Attention", "tags: [", *(f" {word} " for word in AMERICAN),
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
positions = st.tuples(st.integers(0, 12), st.integers(0, 40))
edits = st.one_of(
    st.tuples(st.just("edit"), positions, positions, texts),
    st.tuples(st.just("replace"), texts),
)
REQUESTS = [
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentSymbol",
    "textDocument/documentLink",
    "textDocument/prepareRename",
    "textDocument/codeAction",
]
requests = st.tuples(
    st.just("request"),
    st.sampled_from(REQUESTS),
    st.tuples(st.integers(-2, 14), st.integers(-2, 50)),
    st.booleans(),  # a malformed variant of the parameters
)
steps = st.lists(st.one_of(edits, requests), min_size=1, max_size=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Any:
    vault = tmp_path_factory.mktemp("fuzz") / "vault"
    shutil.copytree(Path(__file__).resolve().parents[2] / "examples" / "vault", vault)
    log = vault.parent / "server.log"
    client = RawClient(cwd=vault, log=log)
    client.initialize(vault, {"workspace": {"workspaceEdit": {"documentChanges": True}}})
    client.vault = vault  # type: ignore[attr-defined]
    client.names = itertools.count()  # type: ignore[attr-defined]
    yield client
    try:
        assert client.request("shutdown", None).get("result") is None
    finally:
        client.close()
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(start=texts, steps=steps)
def test_the_server_survives_random_edits_and_requests(server, start, steps):
    uri = (server.vault / f"Notes/Fuzz {next(server.names)}.md").as_uri()
    model = SpecDocument(start, "utf-16")
    history = {1: start}
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": start}},
    )
    version = 1
    for step in steps:
        if step[0] == "request":
            _, method, (line, character), malformed = step
            reply = server.request(method, _params(method, uri, line, character, malformed))
            assert "result" in reply or "error" in reply, reply
            if method == "textDocument/codeAction" and "result" in reply:
                _assert_edits_inside(reply["result"], uri, model)
            continue
        version += 1
        if step[0] == "edit":
            _, begin, end, new_text = step
            change = {"range": _range(begin, end), "text": new_text}
            model.replace(begin, end, new_text)
        else:
            change = {"text": step[1]}
            model.text = step[1]
        history[version] = model.text
        server.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
    server.wait_for(
        "textDocument/publishDiagnostics",
        lambda params: params["uri"] == uri and params.get("version") == version,
        seen=True,
    )
    published = [n["params"] for n in server.notifications if _is_diagnostics_for(n, uri)]
    server.notifications.clear()
    for params in published:
        text = history[params["version"]]
        for diagnostic in params["diagnostics"]:
            _assert_inside(text, diagnostic["range"])
            if diagnostic["code"] == "british-spelling":
                covered = SpecDocument(text).text_in(*_ends(diagnostic["range"]))
                assert covered in AMERICAN, (covered, diagnostic)
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert server.process.poll() is None, "the server exited"


def _is_diagnostics_for(notification: dict[str, Any], uri: str) -> bool:
    return (
        notification.get("method") == "textDocument/publishDiagnostics"
        and notification["params"]["uri"] == uri
        and notification["params"].get("version") is not None
    )


def _range(begin: tuple[int, int], end: tuple[int, int]) -> dict[str, Any]:
    return {
        "start": {"line": begin[0], "character": begin[1]},
        "end": {"line": end[0], "character": end[1]},
    }


def _ends(where: dict[str, Any]) -> tuple[tuple[int, int], tuple[int, int]]:
    start, end = where["start"], where["end"]
    return (start["line"], start["character"]), (end["line"], end["character"])


def _assert_inside(text: str, where: dict[str, Any]) -> None:
    """A range lies inside the text: lines exist, characters fall on boundaries within them."""
    lines = line_starts(text)
    for line, character in _ends(where):
        assert 0 <= line < len(lines), (where, len(lines))
        first, last = lines[line]
        boundaries = list(
            itertools.accumulate((units(c, "utf-16") for c in text[first:last]), initial=0)
        )
        assert character in boundaries, (where, text[first:last])
    assert _ends(where)[0] <= _ends(where)[1], where


def _assert_edits_inside(
    actions: list[dict[str, Any]] | None, uri: str, model: SpecDocument
) -> None:
    for action in actions or []:
        for change in (action.get("edit") or {}).get("documentChanges") or []:
            if change.get("textDocument", {}).get("uri") == uri:
                for edit in change["edits"]:
                    _assert_inside(model.text, edit["range"])


def _params(method: str, uri: str, line: int, character: int, malformed: bool) -> Any:
    position = {"line": line, "character": character}
    if malformed:
        return {"textDocument": {"uri": 7}, "position": "there"}
    params: dict[str, Any] = {"textDocument": {"uri": uri}, "position": position}
    if method == "textDocument/references":
        params["context"] = {"includeDeclaration": True}
    elif method in ("textDocument/documentSymbol", "textDocument/documentLink"):
        del params["position"]
    elif method == "textDocument/codeAction":
        del params["position"]
        params["range"] = {"start": position, "end": position}
        params["context"] = {"diagnostics": [], "only": ["source.fixAll"] if line % 2 else None}
    return params
