"""Completion, end to end in both editor profiles: tags, wiki-links, frontmatter.

Each document is written with a '‸' where the cursor stands. Accepted items are applied to the
line as the editor would (in its position encoding), and the line that results is checked.
"""

from __future__ import annotations

import asyncio
import datetime
import itertools
import shutil
from pathlib import Path

import pytest
import pytest_lsp
from lsp_client import PROFILES, SERVER, open_note, start, uri
from lsp_edits import apply_text_edits
from lsprotocol import types
from pytest_lsp import LanguageClient

CURSOR = "‸"
EXAMPLE_VAULT = Path(__file__).resolve().parents[2] / "examples" / "vault"
_scratch_numbers = itertools.count(1)

# One server per profile for the whole module (starting one takes most of a second): every
# test works in documents of its own, closed again once asked, so the index stays as the
# example vault has it.
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def shared_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("completion") / "vault"
    shutil.copytree(EXAMPLE_VAULT, target)
    return target


@pytest_lsp.fixture(config=SERVER, params=PROFILES, scope="module")
async def client(lsp_client: LanguageClient, request, shared_vault: Path):
    await start(lsp_client, shared_vault, request.param)
    yield
    await lsp_client.shutdown_session()


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


class Completion:
    """A completion answer, with the line it was asked on."""

    def __init__(self, result, line: str, encoding: str) -> None:
        self.result = result
        self.line = line
        self.encoding = encoding

    @property
    def items(self) -> list[types.CompletionItem]:
        if self.result is None:
            return []
        if isinstance(self.result, types.CompletionList):
            return list(self.result.items)
        return list(self.result)

    @property
    def labels(self) -> list[str]:
        return [item.label for item in self.items]

    @property
    def incomplete(self) -> bool:
        return isinstance(self.result, types.CompletionList) and self.result.is_incomplete

    def item(self, label: str) -> types.CompletionItem:
        found = [item for item in self.items if item.label == label]
        assert found, f"{label!r} not in {self.labels}"
        return found[0]

    def accept(self, label: str) -> str:
        """The line after accepting an item, as the editor applies its textEdit."""
        edit = self.item(label).text_edit
        assert isinstance(edit, types.TextEdit)
        assert edit.range.start.line == edit.range.end.line
        shifted = types.TextEdit(
            range=types.Range(
                types.Position(0, edit.range.start.character),
                types.Position(0, edit.range.end.character),
            ),
            new_text=edit.new_text,
        )
        return apply_text_edits(self.line, [shifted], self.encoding)


async def complete(client: LanguageClient, marked: str, relative: str | None = None) -> Completion:
    """Open a document (a new draft unless ``relative`` is given), ask for completion where
    the cursor mark is, and close the document again."""
    text = marked.replace(CURSOR, "")
    before = marked[: marked.index(CURSOR)]
    line_number = before.count("\n")
    column = before.rsplit("\n", 1)[-1]
    relative = relative or f"Tweets/Scratch {next(_scratch_numbers)}.md"
    note_uri = open_note(client, relative, text)
    position = types.Position(line_number, _units(column, client.encoding))
    result = await asyncio.wait_for(
        client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=note_uri), position=position
            )
        ),
        10,
    )
    close(client, note_uri)
    return Completion(result, text.split("\n")[line_number], client.encoding)


def close(client: LanguageClient, note_uri: str) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=note_uri))
    )


async def until_indexed(client: LanguageClient) -> None:
    """Wait for the end of the first index (both profiles show progress)."""

    async def ended() -> None:
        while not any(
            reports and getattr(reports[-1], "kind", None) == "end"
            for reports in client.progress_reports.values()
        ):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(ended(), 15)


DRAFT_HEAD = "---\ntype: Blog\ntitle: Scratch\n"


# -- tags ----------------------------------------------------------------------------


async def test_tags_in_a_flow_list_count_the_notes_using_them(client):
    await until_indexed(client)
    found = await complete(client, DRAFT_HEAD + "tags: [blog, M‸]\n---\n")
    assert found.item("ML").detail == "used in 3 notes"
    assert "ML/attention" in found.labels
    assert "blog" not in found.labels  # already in the list
    assert found.accept("ML") == "tags: [blog, ML]"


async def test_tags_in_a_block_list(client):
    await until_indexed(client)
    found = await complete(client, DRAFT_HEAD + "tags:\n  - blog\n  - tra‸\n---\n")
    assert found.labels[0] == "transformers"
    assert found.accept("transformers") == "  - transformers"


async def test_tags_in_a_string_list(client):
    await until_indexed(client)
    found = await complete(client, DRAFT_HEAD + "tags: blog, LL‸\n---\n")
    assert found.accept("LLM") == "tags: blog, LLM"


async def test_no_tags_in_other_frontmatter_values(client):
    await until_indexed(client)
    found = await complete(client, DRAFT_HEAD + "description: About #M‸\n---\n")
    assert found.items == []


async def test_inline_tags_ranked_by_use_then_the_vocabulary(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\nSome text #‸ here\n")
    used = [item for item in found.items if item.detail.startswith("used in")]
    suggested = [item for item in found.items if item.detail == "suggested tag, not used yet"]
    assert used and suggested
    assert found.items.index(used[-1]) < found.items.index(suggested[0])
    counts = [int(item.detail.split()[2]) for item in used]
    assert counts == sorted(counts, reverse=True)
    assert "tutorial" in [item.label for item in suggested]  # the spec's vocabulary
    assert found.accept("inference") == "Some text #inference here"


async def test_nested_tags_after_their_parent(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n**Tags**: #ML/‸\n")
    assert found.labels == ["ML/attention"]
    assert found.accept("ML/attention") == "**Tags**: #ML/attention"


async def test_the_tag_being_typed_does_not_count_itself(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\nA new #zebra‸\n")
    assert "zebra" not in found.labels


async def test_no_tags_in_code_headings_or_urls(client):
    await until_indexed(client)
    for marked in (
        "# Post\n\n```python\nx = 1  #M‸\n```\n",
        "# Post\n\nRun `grep #M‸` first.\n",
        "# Post\n\nSee https://example.com/page#M‸ there.\n",
        "# Post\n\nSee [the part](#M‸) there.\n",
        "# Post\n\n##‸\n",
    ):
        found = await complete(client, marked)
        assert found.items == [], marked


# -- wiki-links ----------------------------------------------------------------------


async def test_note_names_with_spaces_replace_the_auto_paired_brackets(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\nSee [[Learning L‸]] now\n")
    item = found.item("Learning LLMs")
    assert item.kind == types.CompletionItemKind.File
    assert item.detail == "Notes"
    assert item.filter_text == "Learning LLMs"
    assert found.labels[0] == "Learning LLMs"
    assert found.accept("Learning LLMs") == "See [[Learning LLMs]] now"


async def test_note_names_close_an_unclosed_link(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\nSee [[Build‸\n")
    assert found.accept("Build a Large Language Model") == "See [[Build a Large Language Model]]"
    assert not found.incomplete


async def test_no_link_completion_outside_links(client):
    await until_indexed(client)
    for marked in (
        "# Post\n\nSee [Learn‸\n",
        "# Post\n\nSee [[Attention]] and‸\n",
        "# Post\n\n```\n[[Learn‸\n```\n",
        "# Post\n\nUse `[[Learn‸` for links.\n",
    ):
        found = await complete(client, marked)
        assert found.items == [], marked


async def test_aliases_insert_the_note_with_its_alias(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\nHow [[Self‸]] works\n")
    item = found.item("Self-Attention")
    assert item.kind == types.CompletionItemKind.Reference
    assert item.detail == "alias of Attention"
    assert found.accept("Self-Attention") == "How [[Attention|Self-Attention]] works"


async def test_an_alias_inside_a_link_that_goes_on_inserts_only_the_name(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n[[Self‸#Multi-head attention]]\n")
    assert found.accept("Self-Attention") == "[[Attention#Multi-head attention]]"


async def test_display_text_after_the_pipe(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n[[Attention|‸]]\n")
    assert set(found.labels) == {"Self-Attention", "attention mechanism"}
    assert found.accept("Self-Attention") == "[[Attention|Self-Attention]]"
    unknown = await complete(client, "# Post\n\n[[Nowhere|‸]]\n")
    assert unknown.items == []


async def test_same_named_notes_get_a_path_and_titles(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n[[Glossary‸\n")
    notes = [item for item in found.items if item.label == "Glossary"]
    assert sorted(item.text_edit.new_text for item in notes) == [
        "Archive/Glossary]]",
        "Projects/Glossary]]",
    ]
    assert found.accept("Glossary (archive)") == "[[Archive/Glossary|Glossary (archive)]]"


async def test_headings_of_another_note(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\nSee [[Transformers#‸]].\n")
    assert found.labels == [
        "Transformers",
        "Encoder-decoder models",
        "Decoder-only models",
        "Positional information",
    ]
    assert found.item("Decoder-only models").filter_text == "Transformers#Decoder-only models"
    assert found.accept("Decoder-only models") == "See [[Transformers#Decoder-only models]]."
    typed = await complete(client, "# Post\n\nSee [[Transformers#Dec‸]].\n")
    assert typed.labels[0] == "Decoder-only models"
    nowhere = await complete(client, "# Post\n\nSee [[No Such Note#‸]].\n")
    assert nowhere.items == []


async def test_heading_text_is_written_as_links_need_it(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n[[Build a Large Language Model#Chap‸\n")
    assert found.accept("Chapter 3: Coding attention mechanisms") == (
        "[[Build a Large Language Model#Chapter 3 Coding attention mechanisms]]"
    )


async def test_headings_of_the_current_unsaved_note(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n## Unsaved Section\n\nBack to [[#‸]]\n")
    assert found.labels == ["Post", "Unsaved Section"]
    assert found.accept("Unsaved Section") == "Back to [[#Unsaved Section]]"
    assert found.item("Unsaved Section").detail == "## heading in this note"


async def test_a_heading_typed_in_another_open_note_is_offered(client):
    await until_indexed(client)
    transformers = client.vault / "Notes" / "Transformers.md"
    text = transformers.read_text(encoding="utf-8")
    other_uri = open_note(client, "Notes/Transformers.md", text)
    before = await complete(client, "# Post\n\n[[Transformers#‸]]\n")
    assert "Mixture of Experts" not in before.labels
    end = len(text.split("\n")) - 1
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=other_uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(end, 0), types.Position(end, 0)),
                    text="\n## Mixture of Experts\n",
                )
            ],
        )
    )
    after = await complete(client, "# Post\n\n[[Transformers#‸]]\n")
    assert "Mixture of Experts" in after.labels
    close(client, other_uri)  # the disk's text again, once the index has read it back

    async def heading_gone() -> None:
        while (
            "Mixture of Experts"
            in (await complete(client, "# Post\n\n[[Transformers#‸]]\n")).labels
        ):
            await asyncio.sleep(0.05)

    await asyncio.wait_for(heading_gone(), 10)


async def test_block_ids(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n[[Transformers#^‸]]\n")
    assert found.labels == ["^decoder-only"]
    item = found.item("^decoder-only")
    assert "predict the next token" in str(item.documentation)
    assert found.accept("^decoder-only") == "[[Transformers#^decoder-only]]"
    other = await complete(client, "# Post\n\n[[Attention#^‸]]\n")
    assert other.labels == ["^definition"]


async def test_embeds_offer_notes_and_attachments(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n![[diag‸]]\n")
    assert found.accept("diagram.png") == "![[diagram.png]]"
    notes = await complete(client, "# Post\n\n![[Transf‸\n")
    assert notes.accept("Transformers") == "![[Transformers]]"


async def test_folder_paths(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n[[Notes/Tra‸]]\n")
    assert found.labels == ["Notes/Transformers"]
    assert found.accept("Notes/Transformers") == "[[Notes/Transformers]]"


# -- frontmatter ---------------------------------------------------------------------


async def test_missing_keys_of_a_draft(client):
    found = await complete(client, DRAFT_HEAD + "‸\n---\n\n# Scratch\n")
    assert found.labels == ["date", "tags", "description", "status"]
    today = datetime.date.today().isoformat()
    snippets = {item.label: item.text_edit.new_text for item in found.items}
    assert snippets["status"] in ("status: ${1:draft}", "status: draft")
    assert snippets["date"] in (f"date: '${{1:{today}}}'", f"date: '{today}'")
    assert snippets["tags"] in ("tags: [blog$1]", "tags: [blog]")
    assert found.item("date").detail == f"date: '{today}'"
    partial = await complete(client, DRAFT_HEAD + "sta‸\n---\n")
    assert partial.item("status").text_edit.range.start.character == 0
    assert partial.item("status").text_edit.range.end.character == 3


async def test_no_keys_outside_drafts(client):
    found = await complete(client, "---\ntitle: Plain\n‸\n---\n", relative="Notes/Plain.md")
    assert found.items == []


async def test_values_of_type_status_and_date(client):
    status = await complete(client, "---\ntype: Blog\nstatus: d‸\n---\n")
    assert status.labels == ["draft", "review", "published"]
    assert status.accept("draft") == "status: draft"
    kind = await complete(client, "---\ntype: ‸\n---\n")
    assert kind.accept("Blog") == "type: Blog"
    today = datetime.date.today().isoformat()
    date = await complete(client, "---\ntype: Blog\ndate: ‸\n---\n")
    assert date.accept(today) == f"date: '{today}'"
    title = await complete(client, "---\ntype: Blog\ntitle: ‸\n---\n")
    assert title.items == []


# -- positions, limits, robustness ---------------------------------------------------


async def test_positions_are_in_client_units_on_an_emoji_line(client):
    await until_indexed(client)
    found = await complete(client, "# Post\n\n🧠 See [[Learn‸]] and 😀 more\n")
    edit = found.item("Learning LLMs").text_edit
    assert edit.range.start.character == _units("🧠 See [[", client.encoding)
    assert found.accept("Learning LLMs") == "🧠 See [[Learning LLMs]] and 😀 more"
    tag = await complete(client, "# Post\n\n🧠 about #transf‸\n")
    assert tag.accept("transformers") == "🧠 about #transformers"


async def test_requests_that_cannot_be_answered_get_nothing(client):
    await until_indexed(client)
    note_uri = open_note(client, "Tweets/Short.md", "# Short\n\n[[Lea\n")

    async def ask(document: str, line: int, character: int):
        return await asyncio.wait_for(
            client.text_document_completion_async(
                types.CompletionParams(
                    text_document=types.TextDocumentIdentifier(uri=document),
                    position=types.Position(line, character),
                )
            ),
            10,
        )

    past_the_end = await ask(note_uri, 40, 200)
    assert past_the_end is None or isinstance(past_the_end, types.CompletionList)
    past_the_line = await ask(note_uri, 2, 99)  # clamped to the line's end: after '[[Lea'
    assert "Learning LLMs" in [item.label for item in past_the_line.items]
    assert await ask(uri(client.vault / "Notes" / "Missing.md"), 0, 0) is None
    assert await ask(uri(client.vault / "Notes" / "Attention.md"), 9, 2) is None  # not open
    text_uri = uri(client.vault / "notes.txt")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=text_uri, language_id="plaintext", version=1, text="[[")
        )
    )
    assert await ask(text_uri, 0, 2) is None
    assert await ask("untitled:Untitled-1", 0, 0) is None
    close(client, note_uri)
    close(client, text_uri)
    still = await complete(client, "# Post\n\n[[Learn‸\n")  # the server still answers
    assert "Learning LLMs" in still.labels


@pytest_lsp.fixture(config=SERVER, params=PROFILES, loop_scope="module")
async def large_client(lsp_client: LanguageClient, request, example_vault: Path):
    """The example vault with 150 more notes: more names than one answer holds."""
    topics = example_vault / "Topics"
    topics.mkdir()
    for number in range(150):
        (topics / f"Topic {number:03d}.md").write_text(f"# Topic {number}\n", encoding="utf-8")
    result = await start(lsp_client, example_vault, request.param)
    lsp_client.server_capabilities = result.capabilities  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_long_lists_are_capped_and_marked_incomplete(large_client):
    client = large_client
    await until_indexed(client)
    found = await complete(client, "# Post\n\n[[Topic‸]]\n")
    assert len(found.items) == 100
    assert found.incomplete
    assert len(set(found.labels)) == 100
    sort_texts = [item.sort_text for item in found.items]
    assert sort_texts == sorted(sort_texts)
    narrow = await complete(client, "# Post\n\n[[Learning L‸]]\n")
    assert not narrow.incomplete
    assert narrow.labels[0] == "Learning LLMs"


async def test_the_server_declares_its_trigger_characters(large_client):
    provider = large_client.server_capabilities.completion_provider
    assert {"[", "#", "|", "^", ","} <= set(provider.trigger_characters)
