"""The server's state under concurrency: one writer per vault, scans built aside and swapped
whole, file watching without the client's help, lone notes, findings shared per version."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest_lsp
from lsp_client import PROFILES, SERVER, diagnostics_for, open_note, start, uri
from lsprotocol import types
from pytest_lsp import LanguageClient
from raw_client import RawClient

from blog_lsp.vault.vault import Vault

TIMEOUT = 30
GENERATED = 2000  # enough for a scan to take a while, so that events arrive during it
WATCHED = "Notes/Watcher Probe.md"


def generated_vault(root: Path) -> None:
    folder = root / "Gen"
    folder.mkdir()
    for n in range(GENERATED):
        (folder / f"Note {n}.md").write_text(
            f"---\ntitle: Note {n}\ntags: [gen]\n---\n# Note {n}\n\n"
            f"Links to [[Attention]] and [[Note {max(n - 1, 0)}]]. Some words here.\n",
            encoding="utf-8",
        )


async def status(client: LanguageClient, **options: Any) -> dict[str, Any]:
    """The server's own account of its vaults, once every change asked for is indexed."""
    result = await asyncio.wait_for(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="blog-lsp.status", arguments=[{"settle": True, **options}]
            )
        ),
        TIMEOUT,
    )
    return result


def vault_status(result: dict[str, Any], root: Path) -> dict[str, Any]:
    (found,) = [v for v in result["vaults"] if Path(v["root"]) == root.resolve()]
    return found


def file_events(client: LanguageClient, changes: list[tuple[Path, types.FileChangeType]]) -> None:
    """Tell the server what changed on disk, as an editor that watches files does; a client
    that registered no watcher leaves it to the server's own watching."""
    if client.registrations:  # type: ignore[attr-defined]
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=uri(path), type=kind) for path, kind in changes]
            )
        )


def edit(client: LanguageClient, note_uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=note_uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


@pytest_lsp.fixture(config=SERVER, params=PROFILES)
async def busy_client(lsp_client: LanguageClient, request, example_vault: Path):
    """A client whose vault takes a while to scan; the session starts in the test."""
    generated_vault(example_vault)
    lsp_client.vault = example_vault  # type: ignore[attr-defined]
    lsp_client.profile = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


LINKER = "Notes/Linker.md"
LINKER_TEXT = "# Linker\n\nSee [[Attention]], [[Gen/Note 5]] and [[Transformers]].\n"
CREATED = types.FileChangeType.Created
DELETED = types.FileChangeType.Deleted


async def test_changes_during_a_cold_scan_and_a_rescan_end_in_the_index_a_scan_would_make(
    busy_client,
):
    """Edits, files created, deleted and renamed on disk, and settings changes (one that
    rescans) arrive while the vault is scanned and again while it is rescanned. Afterwards
    the index is the one a fresh scan makes, and no diagnostic at any point says a link to a
    note that existed throughout is broken or ambiguous."""
    client, vault = busy_client, busy_client.vault
    (vault / LINKER).write_text(LINKER_TEXT, encoding="utf-8")
    client.set_configuration({}, section="blogLsp")
    await start(client, vault, client.profile)
    linker = open_note(client, LINKER)
    attention = open_note(client, "Notes/Attention.md")
    attention_text = (vault / "Notes/Attention.md").read_text(encoding="utf-8")
    for version in range(2, 6):  # the linked note itself changes while it is indexed
        edit(client, attention, version, attention_text + "\nMore words. " * version)
        edit(client, linker, version, LINKER_TEXT + "\nAnd more. " * version)
    gen = vault / "Gen"
    (vault / "Notes/Fresh.md").write_text("# Fresh\n", encoding="utf-8")
    (gen / "Note 7.md").unlink()
    (gen / "Note 8.md").rename(gen / "Moved 8.md")
    file_events(
        client,
        [
            (vault / "Notes/Fresh.md", CREATED),
            (gen / "Note 7.md", DELETED),
            (gen / "Note 8.md", DELETED),
            (gen / "Moved 8.md", CREATED),
        ],
    )
    # A setting that changes what a scan finds: a rescan, superseding any still running.
    client.set_configuration({"ignore": ["Archive/**"]}, section="blogLsp")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))
    await asyncio.sleep(0.05)
    (gen / "Late.md").write_text("# Late\n", encoding="utf-8")
    (gen / "Note 9.md").unlink()
    file_events(client, [(gen / "Late.md", CREATED), (gen / "Note 9.md", DELETED)])
    edit(client, linker, 6, LINKER_TEXT)

    if not client.registrations:  # the server's own watcher reports after a short debounce
        await asyncio.sleep(1.0)
    result = await status(client, paths=True)
    held = vault_status(result, vault)
    fresh = Vault.open(vault, editor_settings={"ignore": ["Archive/**"]})
    assert held["complete"] and not held["scanning"]
    assert held["notePaths"] == sorted(fresh.notes)
    assert held["attachmentPaths"] == sorted(fresh.attachments)
    assert len(held["notePaths"]) == len(set(held["notePaths"]))

    final = await diagnostics_for(client, linker, version=6)
    published = [p for p in client.published if p.uri == linker]  # type: ignore[attr-defined]
    assert published, "no diagnostics were published for the linking note"
    for params in published:
        false = [d for d in params.diagnostics if d.code in ("link-unresolved", "link-ambiguous")]
        assert not false, (params.version, [d.message for d in false])
    assert all(d.code not in ("link-unresolved", "link-ambiguous") for d in final)


@pytest_lsp.fixture(config=SERVER)
async def watching_client(lsp_client: LanguageClient, example_vault: Path):
    """Neovim 0.11 on Linux: no dynamic registration of file watchers."""
    await start(lsp_client, example_vault, "neovim")
    yield
    await lsp_client.shutdown_session()


def codes_for(found: list[types.Diagnostic], code: str) -> list[str]:
    return [d.message for d in found if d.code == code]


async def test_the_server_watches_the_vault_when_the_client_cannot(watching_client):
    """Without the client's watchers: a note created, changed, renamed and deleted on disk,
    an attachment added and the word list edited, each seen without a request."""
    client = watching_client
    vault = client.vault
    text = (
        "# Watcher Probe\n\nSee [[Watched]], [[Watched#Second part]] and ![[diagram.png]].\n"
        "A zorbflux appears.\n"
    )
    probe = open_note(client, WATCHED, text)
    assert (await status(client))["watching"] in ("watchfiles", "polling")

    def lacks(fragment: str, code: str):
        return lambda found: not any(fragment in m for m in codes_for(found, code))

    def has(fragment: str, code: str):
        return lambda found: any(fragment in m for m in codes_for(found, code))

    await diagnostics_for(client, probe, until=has("Watched", "link-unresolved"))
    watched = vault / "Notes/Watched.md"
    watched.write_text("# Watched\n", encoding="utf-8")  # created
    await diagnostics_for(client, probe, until=lacks("'Watched'", "link-unresolved"))
    watched.write_text("# Watched\n\n## Second part\n", encoding="utf-8")  # changed
    await diagnostics_for(client, probe, until=lacks("Second part", "link-heading-unresolved"))
    watched.rename(vault / "Notes/Renamed.md")  # renamed
    await diagnostics_for(client, probe, until=has("Watched", "link-unresolved"))
    (vault / "Notes/Renamed.md").unlink()  # deleted

    async def gone() -> None:
        while (
            "Notes/Renamed.md" in vault_status(await status(client, paths=True), vault)["notePaths"]
        ):
            await asyncio.sleep(0.05)

    await asyncio.wait_for(gone(), TIMEOUT)
    (vault / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # an attachment
    await diagnostics_for(client, probe, until=lacks("diagram.png", "link-unresolved"))
    await diagnostics_for(client, probe, until=has("zorbflux", "spelling"))
    (vault / ".blog-lsp-words.txt").write_text("zorbflux\n", encoding="utf-8")  # word list
    await diagnostics_for(client, probe, until=lacks("zorbflux", "spelling"))


@pytest_lsp.fixture(config=SERVER, params=PROFILES)
async def client_and_loose_folder(lsp_client: LanguageClient, request, example_vault, tmp_path):
    loose = tmp_path / "loose"
    loose.mkdir()
    for n in range(50):
        (loose / f"Other {n}.md").write_text("# Other\n", encoding="utf-8")
    await start(lsp_client, example_vault, request.param)
    lsp_client.loose = loose  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_a_lone_note_is_checked_and_its_folder_is_not_scanned(client_and_loose_folder):
    client = client_and_loose_folder
    text = "A color, and a link to [[Nowhere]].\n"
    (client.loose / "Loose.md").write_text(text, encoding="utf-8")
    note_uri = uri(client.loose / "Loose.md")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=note_uri, language_id="markdown", version=1, text=text)
        )
    )
    found = await diagnostics_for(client, note_uri, until=lambda d: bool(d))
    assert codes_for(found, "british-spelling")
    assert not codes_for(found, "link-unresolved")  # no vault: nothing to resolve against
    result = await status(client, paths=True)
    (lone,) = [v for v in result["vaults"] if v["stray"]]
    assert lone["notePaths"] == ["Loose.md"] and not lone["complete"]
    assert not any(Path(v["root"]) == client.loose.resolve() and not v["stray"]
                   for v in result["vaults"])  # fmt: skip


async def test_code_actions_and_hover_reuse_the_checks_of_a_version(client):
    note = "Notes/Reuse.md"
    text = "# Reuse\n\nThe color of the behavior.\n"
    (client.vault / note).write_text(text, encoding="utf-8")
    note_uri = open_note(client, note)
    found = await diagnostics_for(client, note_uri, until=lambda d: len(d) >= 2)
    # Let the check that follows the end of the first scan (if any) publish first.
    await status(client)
    await asyncio.sleep(0.5)
    before = (await status(client))["checks"]
    spelling = [d for d in found if d.code == "british-spelling"]
    for only in (None, ["quickfix"], ["source.fixAll"]):
        actions = await asyncio.wait_for(
            client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=note_uri),
                    range=spelling[0].range,
                    context=types.CodeActionContext(diagnostics=spelling, only=only),
                )
            ),
            TIMEOUT,
        )
        assert actions
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri),
                position=spelling[0].range.start,
            )
        ),
        TIMEOUT,
    )
    assert hover is not None and "british-spelling" in hover.contents.value
    assert (await status(client))["checks"] == before
    # A new version is checked once, however many requests follow.
    edit(client, note_uri, 2, text + "We optimize.\n")
    await diagnostics_for(client, note_uri, version=2)
    assert (await status(client))["checks"] == before + 1


async def test_words_of_open_notes_count_with_their_unsaved_text(client):
    """A word that only the editor's unsaved copy of another note holds is used elsewhere
    in the vault: the typo check counts open notes by their text in the editor."""
    (client.vault / "Notes/Zed.md").write_text("# Zed\n\nA zorbflux here.\n", encoding="utf-8")
    (client.vault / "Notes/Other.md").write_text("# Other\n\nNothing.\n", encoding="utf-8")
    open_note(client, "Notes/Other.md", "# Other\n\nAnother zorbflux, unsaved.\n")
    zed = open_note(client, "Notes/Zed.md")
    await status(client)  # the whole vault is indexed
    zed_text = (client.vault / "Notes/Zed.md").read_text(encoding="utf-8")
    edit(client, zed, 2, zed_text + "\n")  # checked again, with the complete index
    found = await diagnostics_for(client, zed, version=2)
    assert not codes_for(found, "spelling"), codes_for(found, "spelling")


def test_a_change_after_shutdown_is_not_checked(example_vault, tmp_path):
    log = tmp_path / "server.log"
    client = RawClient(cwd=example_vault, log=log)
    try:
        client.initialize(example_vault)
        path = example_vault / "Notes/Attention.md"
        note = path.as_uri()
        text = path.read_text(encoding="utf-8")
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": note, "languageId": "markdown", "version": 1, "text": text}},
        )
        assert client.request("shutdown", None)["result"] is None
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": note, "version": 2}, "contentChanges": [{"text": "x"}]},
        )
        client.notify("exit", None)
        assert client.process.wait(timeout=10) == 0
    finally:
        client.close()
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert "RuntimeError" not in logged and "Traceback" not in logged, logged


def test_the_status_command_is_declared(example_vault):
    """blog-lsp.status is one of the server's commands (editors list them)."""
    client = RawClient(cwd=example_vault)
    try:
        reply = client.initialize(example_vault)
        commands = reply["result"]["capabilities"]["executeCommandProvider"]["commands"]
        assert "blog-lsp.status" in commands
    finally:
        client.close()


def test_a_restart_reads_only_the_note_that_changed_meanwhile(example_vault, tmp_path):
    """The index cache: the second start takes every unchanged note from it."""
    import time

    from blog_lsp.vault import cache

    def session() -> dict[str, Any]:
        client = RawClient(cwd=example_vault)
        try:
            client.initialize(example_vault, {"window": {"workDoneProgress": True}})
            client.wait_for("$/progress", lambda p: p["value"].get("kind") == "end", seen=True)
            reply = client.request(
                "workspace/executeCommand",
                {"command": "blog-lsp.status", "arguments": [{"settle": True}]},
            )
            deadline = time.monotonic() + TIMEOUT  # the cache is written after the swap
            while not cache.cache_file(example_vault).exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            client.request("shutdown", None)
        finally:
            client.close()
        return vault_status(reply["result"], example_vault)

    first = session()
    assert first["lastScan"]["parsed"] == first["notes"] + first["skipped"]
    note = example_vault / "Notes/Attention.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    second = session()
    assert second["lastScan"] == {"parsed": 1, "reused": first["notes"] + first["skipped"] - 1}
