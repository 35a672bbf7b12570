"""The server's life: progress while indexing, settings from the editor, file changes,
position encodings, bursts of edits and nonsense from a client."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsp_client import SERVER, diagnostics_for, open_note, start, uri
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

BROKEN = "Tweets/how to optimize rag #2.md"


def has(code: str):
    return lambda found: any(d.code == code for d in found)


def lacks(code: str):
    return lambda found: all(d.code != code for d in found)


async def test_indexing_reports_progress_when_the_client_shows_it(client):
    capabilities = client_capabilities(client.profile)
    if not (capabilities.window and capabilities.window.work_done_progress):
        pytest.skip("this client does not show progress")

    async def ended() -> list:
        while True:
            for reports in client.progress_reports.values():
                kinds = [getattr(report, "kind", None) for report in reports]
                if kinds and kinds[0] == "begin" and kinds[-1] == "end":
                    return reports
            await asyncio.sleep(0.02)

    reports = await asyncio.wait_for(ended(), 15)
    assert reports[0].title == "blog-lsp"
    assert "notes" in reports[-1].message


@pytest_lsp.fixture(config=SERVER)
async def plain_client(lsp_client: LanguageClient, example_vault: Path):
    """A client with no optional capabilities: no progress, no configuration requests, no
    file watching, no workspace edit features."""
    await start(lsp_client, example_vault, "plain", capabilities=types.ClientCapabilities())
    yield
    await lsp_client.shutdown_session()


async def test_a_client_without_progress_or_settings_still_gets_diagnostics(plain_client):
    note_uri = open_note(plain_client, BROKEN)
    found = await diagnostics_for(plain_client, note_uri, until=has("link-unresolved"))
    assert has("british-spelling")(found)
    assert plain_client.progress_reports == {}
    assert plain_client.registrations == []


@pytest_lsp.fixture(config=SERVER, params=["visual_studio_code", "neovim"])
async def configured_client(lsp_client: LanguageClient, request, example_vault: Path):
    await start(
        lsp_client,
        example_vault,
        request.param,
        settings={"rules": {"british-spelling": "off"}, "spellingScope": "drafts"},
    )
    yield
    await lsp_client.shutdown_session()


async def test_editor_settings_apply_and_are_re_read_on_change(configured_client):
    client = configured_client
    note_uri = open_note(client, BROKEN)
    # The settings may arrive after the first check: wait for the result that uses them.
    await diagnostics_for(
        client,
        note_uri,
        until=lambda found: has("link-unresolved")(found) and lacks("british-spelling")(found),
    )
    client.set_configuration({"rules": {"link-unresolved": "error"}}, section="blogLsp")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    found = await diagnostics_for(client, note_uri, until=has("british-spelling"))
    (unresolved,) = [d for d in found if d.code == "link-unresolved"]
    assert unresolved.severity == types.DiagnosticSeverity.Error


@pytest_lsp.fixture(config=SERVER)
async def options_client(lsp_client: LanguageClient, example_vault: Path):
    """Settings given as initializationOptions only (clients without workspace/configuration)."""
    lsp_client.vault = example_vault
    lsp_client.profile = "plain"
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=uri(example_vault),
            initialization_options={"blogLsp": {"rules": {"frontmatter-type": "off"}}},
        )
    )
    lsp_client.encoding = str(result.capabilities.position_encoding)
    yield
    await lsp_client.shutdown_session()


async def test_initialization_options_are_settings(options_client):
    note_uri = open_note(options_client, BROKEN)
    found = await diagnostics_for(options_client, note_uri, until=has("link-unresolved"))
    assert lacks("frontmatter-type")(found) and has("frontmatter-date")(found)


async def test_bad_settings_are_reported_on_the_config_file(client):
    config = client.vault / ".blog-lsp.toml"
    config.write_text('spelling_mode = "american"\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(config), type=types.FileChangeType.Changed)]
        )
    )
    found = await diagnostics_for(client, uri(config), until=has("config-invalid"))
    assert "spelling_mode" in found[0].message


async def test_bad_settings_follow_the_rules_setting(client):
    config = client.vault / ".blog-lsp.toml"

    def changed(text: str) -> None:
        config.write_text(text, encoding="utf-8")
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=uri(config), type=types.FileChangeType.Changed)]
            )
        )

    changed('spelling_mode = "american"\n[rules]\nconfig-invalid = "error"\n')
    found = await diagnostics_for(client, uri(config), until=has("config-invalid"))
    assert [(d.severity, d.source, d.range.start.line) for d in found] == [
        (types.DiagnosticSeverity.Error, "blog-lsp", 0)
    ]
    changed('spelling_mode = "american"\n[rules]\nconfig-invalid = "off"\n')
    await diagnostics_for(client, uri(config), until=lambda found: len(found) == 0)


async def test_a_created_note_resolves_links_in_open_notes(client):
    note_uri = open_note(client, BROKEN)
    await diagnostics_for(client, note_uri, until=has("link-unresolved"))
    created = client.vault / "Notes" / "Retrieval Tricks.md"
    created.write_text("# Retrieval Tricks\n", encoding="utf-8")
    if client.registrations:  # VS Code watches files for the server
        assert client.registrations[0].method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=uri(created), type=types.FileChangeType.Created)]
            )
        )
    # Neovim registers no watcher on Linux: the server polls the vault itself.
    await diagnostics_for(client, note_uri, until=lacks("link-unresolved"), timeout=15)
    created.unlink()
    if client.registrations:
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=uri(created), type=types.FileChangeType.Deleted)]
            )
        )
    await diagnostics_for(client, note_uri, until=has("link-unresolved"), timeout=15)


async def test_ranges_follow_the_negotiated_encoding_on_an_emoji_line(client):
    text = "# Note\n\nMood 😀 and color here.\n"
    note_uri = open_note(client, "Notes/Emoji.md", text)
    found = await diagnostics_for(client, note_uri, until=has("british-spelling"))
    (spelling,) = [d for d in found if d.code == "british-spelling"]
    code_points = text.splitlines()[2].index("color")  # 12
    extra = {"utf-16": 1, "utf-8": 3, "utf-32": 0}[client.encoding]  # the emoji's extra units
    assert spelling.range.start == types.Position(2, code_points + extra)
    assert spelling.range.end == types.Position(2, code_points + extra + 5)
    expected = "utf-8" if client.profile == "neovim" else "utf-16"
    assert client.encoding == expected


async def test_a_burst_of_edits_ends_with_diagnostics_for_the_last_version_only(client):
    note_uri = open_note(client, "Notes/Burst.md", "# Burst\n\n")
    await diagnostics_for(client, note_uri, version=1)
    before = len(client.published)
    text = "# Burst\n\n"
    for version in range(2, 202):
        addition = "color " if version % 2 else "colour "
        line, column = 2, len(text.split("\n")[2])
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=note_uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(
                            types.Position(line, column), types.Position(line, column)
                        ),
                        text=addition,
                    )
                ],
            )
        )
        text += addition
    found = await diagnostics_for(client, note_uri, version=201)
    assert len([d for d in found if d.code == "british-spelling"]) == text.count("color ")
    await asyncio.sleep(0.5)  # nothing stale may arrive after the last version's diagnostics
    during = [p.version for p in client.published[before:] if p.uri == note_uri]
    assert during[-1] == 201
    assert len(during) <= 3, during  # debounced: not one publication per edit


async def test_a_document_outside_any_vault_is_checked_on_its_own(client, tmp_path):
    outside = tmp_path / "loose"
    outside.mkdir()
    (outside / "Loose.md").write_text("A color.\n", encoding="utf-8")
    note_uri = uri(outside / "Loose.md")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(
                uri=note_uri, language_id="markdown", version=1, text="A color.\n"
            )
        )
    )
    found = await diagnostics_for(client, note_uri, until=has("british-spelling"))
    assert found
