"""Commands, end to end: blog-lsp.newDraft (template, never overwriting, safe filenames,
near-duplicates, bad arguments), blog-lsp.createNote (look-alike names), blog-lsp.addWord
and blog-lsp.openNote."""

from __future__ import annotations

import asyncio
import datetime
from pathlib import Path
from typing import Any

import pytest
from lsp_client import created_files, diagnostics_for, open_note, uri
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.uris import to_fs_path
from pytest_lsp import LanguageClient

from blog_lsp.drafting.template import DraftSpec, render_draft

TIMEOUT = 15
INVALID_PARAMS = -32602
REQUEST_FAILED = -32803
EXISTING_DRAFT = "Tweets/Understanding KV Caching in Transformers.md"


async def run(client: LanguageClient, command: str, arguments: list[Any] | None) -> Any:
    return await asyncio.wait_for(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command, arguments=arguments)
        ),
        TIMEOUT,
    )


async def new_draft(client: LanguageClient, **options: Any) -> Any:
    return await run(client, "blog-lsp.newDraft", [options])


async def refused(client: LanguageClient, command: str, arguments: list[Any] | None) -> str:
    """Run a command that must fail; returns the error's message."""
    with pytest.raises(JsonRpcException) as caught:
        await run(client, command, arguments)
    return f"{caught.value.code} {caught.value.message}"


def files_under(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


# -- blog-lsp.newDraft -----------------------------------------------------------------------


async def test_new_draft_creates_the_template_and_shows_it(client):
    title = "Serving LLMs with vLLM"
    draft = client.vault / "Tweets" / f"{title}.md"

    result = await new_draft(
        client,
        title=title,
        tags=["LLM", "inference"],
        description="Learn how to serve large language models quickly with vLLM.",
    )

    assert result == uri(draft)
    assert draft.read_text(encoding="utf-8") == render_draft(
        DraftSpec(
            title,
            datetime.date.today(),
            tags=["LLM", "inference"],
            description="Learn how to serve large language models quickly with vLLM.",
        )
    )
    assert [shown.uri for shown in client.shown_documents] == [result]
    # The server wrote the file, complete when the command returned, in both profiles: an
    # editor leaves a file created by an edit empty on disk until the writer saves it.
    assert client.applied_edits == []


async def test_new_draft_never_overwrites_an_existing_file(client):
    title = "Serving LLMs with vLLM"
    first = await new_draft(client, title=title)
    draft = client.vault / "Tweets" / f"{title}.md"
    draft.write_bytes(draft.read_bytes() + b"My own words.\r\n")
    before = draft.read_bytes()
    edits_before = len(client.applied_edits)

    for options in (
        {"title": title},
        {"title": title, "allowDuplicate": True},
        {"title": title.lower(), "allowDuplicate": True},  # another case, the same file
    ):
        message = await refused(client, "blog-lsp.newDraft", [options])
        assert str(REQUEST_FAILED) in message
        # The file is named at once: "create another" would not help.
        assert f"A note already exists at 'Tweets/{title}.md'" in message
        assert "never overwrites" in message and "nearly identical" not in message

    assert draft.read_bytes() == before
    assert len(client.applied_edits) == edits_before  # nothing was even sent to the editor
    assert [shown.uri for shown in client.shown_documents] == [first]


NASTY_TITLES = [
    "../../../escape",
    "/etc/passwd",
    "C:\\Windows\\evil",
    "a/b\\c:d*e?f",
    "NUL",
    "con.txt",
    "x" * 60,  # the longest title a draft may have, one word
    "Title with \x00 NUL byte",
    "multi\nline\ttitle",
    "Ünïcödé: naïve RAG?",
]


async def test_new_draft_filenames_stay_in_the_drafts_folder(client, tmp_path):
    drafts = client.vault / "Tweets"

    def elsewhere() -> dict[Path, bytes]:
        """Every file but the drafts, in and around the vault."""
        return {
            path: data for path, data in files_under(tmp_path).items() if drafts not in path.parents
        }

    before = elsewhere()
    names = {path.name for path in drafts.iterdir()}

    for title in NASTY_TITLES:
        result = await new_draft(client, title=title, allowDuplicate=True)
        created = Path(to_fs_path(result))
        assert created.is_file() and created.resolve().parent == drafts.resolve(), (title, result)
        assert created.suffix == ".md" and len(created.stem) <= 60, title
        assert created.stem.split(".")[0].strip().upper() not in {"NUL", "CON"}, title
        assert "\x00" not in created.read_text(encoding="utf-8"), title
        names.add(created.name)

    assert {path.name for path in drafts.iterdir()} == names  # one new file a title
    assert elsewhere() == before


async def test_new_draft_refuses_a_near_duplicate(client):
    before = files_under(client.vault)

    message = await refused(
        client, "blog-lsp.newDraft", [{"title": "Understanding KV-Caching in Transformers!"}]
    )

    assert str(REQUEST_FAILED) in message
    assert EXISTING_DRAFT in message and "create the new draft anyway" in message
    # Each editor says its own way (an LSP argument means nothing to a writer).
    assert "allowDuplicate" not in message
    assert files_under(client.vault) == before
    assert client.shown_documents == []

    result = await new_draft(
        client, title="Understanding KV-Caching in Transformers!", allowDuplicate=True
    )
    assert result == uri(client.vault / "Tweets/Understanding KV-Caching in Transformers!.md")


async def test_new_draft_refuses_a_description_another_draft_has(client):
    """Content, not only titles: the description is what the new draft says so far."""
    before = files_under(client.vault)
    existing = (client.vault / EXISTING_DRAFT).read_text(encoding="utf-8")
    description = existing.split("description: ", 1)[1].split("\n", 1)[0]
    options = {"title": "Sizing the Cache of a Language Model", "description": description}

    message = await refused(client, "blog-lsp.newDraft", [options])

    assert str(REQUEST_FAILED) in message
    assert "nearly identical content" in message
    assert EXISTING_DRAFT in message and "Understanding KV Caching in Transformers" in message
    assert files_under(client.vault) == before

    # The same topic in other words is a new draft; and the writer may insist.
    other = "Learn how much memory a long conversation takes, and what to do when it runs out."
    assert await new_draft(client, title=options["title"], description=other)
    created = client.vault / "Tweets/Sizing the Cache of a Language Model.md"
    assert created.is_file()
    again = {**options, "title": "Another Cache Post", "allowDuplicate": True}
    assert await new_draft(client, **again)


async def test_new_draft_refuses_a_title_too_long_for_search_results(client):
    before = files_under(client.vault)
    title = "How to Optimise Retrieval-Augmented Generation Pipelines for Production Workloads"

    with pytest.raises(JsonRpcException) as caught:
        await new_draft(client, title=title)

    assert caught.value.code == INVALID_PARAMS
    assert caught.value.message == (
        f"The title has {len(title)} characters; search engines cut titles after 60 "
        "(seo-title-length), so no draft was created. A shorter title that keeps its first "
        "words: 'How to Optimise Retrieval-Augmented Generation Pipelines'."
    )
    # The shorter title, for the editor to offer; asked for, it is created.
    shortened = "How to Optimise Retrieval-Augmented Generation Pipelines"
    assert caught.value.data == {"limit": 60, "shortened": shortened}
    assert files_under(client.vault) == before and client.shown_documents == []
    result = await new_draft(client, title=caught.value.data["shortened"])
    assert result == uri(client.vault / "Tweets" / f"{shortened}.md")
    # One word too long to cut: refused, with nothing to offer.
    with pytest.raises(JsonRpcException) as caught:
        await new_draft(client, title="x" * 61)
    assert caught.value.data == {"limit": 60, "shortened": None}
    assert "Give it a shorter title" in caught.value.message


BAD_ARGUMENTS: list[tuple[list[Any] | None, str]] = [
    (None, "takes one argument"),
    ([], "takes one argument"),
    (["A title"], "takes one argument"),
    ([{"title": "One"}, {"title": "Two"}], "takes one argument"),
    ([{}], "needs 'title'"),
    ([{"title": None}], "needs 'title'"),
    ([{"title": ""}], "the title is empty"),
    ([{"title": " \x00\n "}], "the title is empty"),
    ([{"title": "..."}], "the title is empty"),
    ([{"title": " - ? "}], "the title is empty"),
    ([{"title": 42}], "'title' must be"),
    ([{"title": ["A", "title"]}], "'title' must be"),
    ([{"title": "Fine", "tags": "ML"}], "'tags' must be"),
    ([{"title": "Fine", "tags": ["ML", 3]}], "'tags' must be"),
    ([{"title": "Fine", "description": 3}], "'description' must be"),
    ([{"title": "Fine", "allowDuplicate": "yes"}], "'allowDuplicate' must be"),
    ([{"title": "Fine", "allow_duplicate": True}], "does not know the argument 'allow_duplicate'"),
    ([{"title": "Fine", "uri": "file:///somewhere/else.md"}], "'uri' must be a file in an open"),
]


async def test_new_draft_answers_bad_arguments_with_an_error(client):
    before = files_under(client.vault)

    for arguments, expected in BAD_ARGUMENTS:
        message = await refused(client, "blog-lsp.newDraft", arguments)
        assert message.startswith(f"{INVALID_PARAMS} "), (arguments, message)
        assert expected in message, (arguments, message)

    assert files_under(client.vault) == before
    # The server is still there, and still works.
    result = await new_draft(client, title="Fine")
    assert result == uri(client.vault / "Tweets/Fine.md")


async def test_new_draft_without_resource_operations(no_file_operations):
    client = no_file_operations
    title = "Chunking Strategies That Work"

    result = await new_draft(client, title=title, tags=["RAG"])

    draft = client.vault / "Tweets" / f"{title}.md"
    assert result == uri(draft)
    assert draft.read_text(encoding="utf-8") == render_draft(
        DraftSpec(title, datetime.date.today(), tags=["RAG"])
    )
    assert created_files(client) == []  # the server wrote it: no CreateFile for this client
    assert [shown.uri for shown in client.shown_documents] == [result]
    before = draft.read_bytes()
    message = await refused(client, "blog-lsp.newDraft", [{"title": title}])
    assert "already exists" in message
    assert draft.read_bytes() == before


async def test_a_new_draft_is_indexed_at_once(client):
    """A link to the new draft resolves without waiting for the file watcher."""
    text = "See [[Graph RAG in Practice]].\n"
    (client.vault / "Notes/Reading.md").write_text(text, encoding="utf-8")
    note_uri = open_note(client, "Notes/Reading.md")
    await diagnostics_for(
        client, note_uri, until=lambda d: any(x.code == "link-unresolved" for x in d)
    )

    await new_draft(client, title="Graph RAG in Practice")

    await diagnostics_for(client, note_uri, until=lambda d: not d)


# -- blog-lsp.createNote ---------------------------------------------------------------------

LINKS = "Notes/Links.md"
NFC_CAFE, NFD_CAFE = "Caf\u00e9", "Cafe\u0301"  # the same name, composed and decomposed


async def create_note(client: LanguageClient, target: str) -> Any:
    return await run(
        client, "blog-lsp.createNote", [{"uri": uri(client.vault / LINKS), "target": target}]
    )


async def create_note_refused(client: LanguageClient, target: str) -> str:
    """Run blog-lsp.createNote from the linking note where it must fail; returns the error."""
    return await refused(
        client, "blog-lsp.createNote", [{"uri": uri(client.vault / LINKS), "target": target}]
    )


def linking_note(client: LanguageClient) -> str:
    (client.vault / LINKS).write_text("See [[Attention]] and [[Missing]].\n", encoding="utf-8")
    return open_note(client, LINKS)


def note_names(client: LanguageClient) -> list[str]:
    return sorted(path.relative_to(client.vault).as_posix() for path in client.vault.rglob("*.md"))


async def test_create_note_is_refused_when_the_link_already_resolves(client):
    linking_note(client)
    before = files_under(client.vault)
    for target in ("Attention", "attention", "Notes/Attention", "Attention.md"):
        message = await create_note_refused(client, target)
        assert message.startswith(f"{REQUEST_FAILED} "), message
        assert "already leads to 'Notes/Attention.md'" in message, message
    # No empty 'Attention.md' at the root to take over every [[Attention]] link.
    assert files_under(client.vault) == before
    assert created_files(client) == []
    # A link that does not resolve still gets its note.
    assert await create_note(client, "Attention Heads") == uri(client.vault / "Attention Heads.md")


async def test_create_note_finds_a_decomposed_name_in_the_composed_note(client):
    linking_note(client)
    first = await create_note(client, NFC_CAFE)
    assert first == uri(client.vault / f"{NFC_CAFE}.md")
    for target in (NFD_CAFE, NFD_CAFE.upper(), f"{NFD_CAFE}.md"):
        message = await create_note_refused(client, target)
        assert f"already leads to '{NFC_CAFE}.md'" in message, message
    assert [name for name in note_names(client) if name.startswith("Caf")] == [f"{NFC_CAFE}.md"]


async def test_create_note_sees_a_look_alike_file_the_index_has_not_seen(client):
    # Once the index is complete (link findings come then), a file it has not seen.
    await diagnostics_for(
        client, linking_note(client), until=lambda d: any(x.code == "link-unresolved" for x in d)
    )
    # Decomposed, as macOS stores names; the link composed, as writers type it.
    (client.vault / "Notes" / f"{NFD_CAFE}.md").write_bytes(b"mine\n")
    message = await create_note_refused(client, f"Notes/{NFC_CAFE.lower()}")
    assert "already exists" in message
    assert (client.vault / "Notes" / f"{NFD_CAFE}.md").read_bytes() == b"mine\n"
    assert not (client.vault / "Notes" / f"{NFC_CAFE}.md").exists()


async def test_create_note_puts_the_note_in_the_folder_spelt_another_way(client):
    linking_note(client)
    assert await create_note(client, "tweets/evil") == uri(client.vault / "Tweets" / "evil.md")
    assert await create_note(client, "NOTES/deep/Idea") == uri(
        client.vault / "Notes" / "deep" / "Idea.md"
    )  # the existing folder, then a new one as written
    folders = sorted(path.name for path in client.vault.iterdir() if path.is_dir())
    assert "tweets" not in folders and "NOTES" not in folders
    assert (client.vault / "Tweets" / "evil.md").read_text(encoding="utf-8") == "# evil\n"


async def test_create_note_leaves_bidi_and_invisible_characters_out_of_the_filename(client):
    linking_note(client)
    target = "Invoice \u202egnp.exe\u200b"  # shown as 'Invoice exe.png'
    created = await create_note(client, target)
    assert created == uri(client.vault / "Invoice gnp.exe.md")
    assert not [name for name in note_names(client) if "\u202e" in name or "\u200b" in name]
    # The link it was made for now leads to it: asking again is refused.
    message = await create_note_refused(client, target)
    assert "already leads to 'Invoice gnp.exe.md'" in message


# -- blog-lsp.addWord ------------------------------------------------------------------------


async def test_add_word_creates_the_word_list(client):
    word_list = client.vault / ".blog-lsp-words.txt"
    assert not word_list.exists()
    assert await run(client, "blog-lsp.addWord", [{"word": " retreival "}]) == uri(word_list)
    assert word_list.read_text(encoding="utf-8") == "retreival\n"
    # Already there, in any case: nothing is added.
    await run(client, "blog-lsp.addWord", [{"word": "Retreival"}])
    assert word_list.read_text(encoding="utf-8") == "retreival\n"


async def test_add_word_refuses_what_is_not_one_word(client):
    word_list = client.vault / ".blog-lsp-words.txt"
    word_list.write_bytes(b"alpha\r\nbeta\r\n")
    for arguments, expected in [
        ([{"word": ""}], "must be one word"),
        ([{"word": "two words"}], "must be one word"),
        ([{"word": "line\nbreak"}], "must be one word"),
        ([{"word": "#comment"}], "must be one word"),
        ([{"word": 7}], "'word' must be"),
        ([{}], "needs 'word'"),
        (["retreival"], "takes one argument"),
    ]:
        message = await refused(client, "blog-lsp.addWord", arguments)
        assert message.startswith(f"{INVALID_PARAMS} ") and expected in message, message
    assert word_list.read_bytes() == b"alpha\r\nbeta\r\n"
    # A good word keeps the file's line endings and every other line.
    await run(client, "blog-lsp.addWord", [{"word": "gamma"}])
    assert word_list.read_bytes() == b"alpha\r\nbeta\r\ngamma\r\n"


# -- blog-lsp.openNote -----------------------------------------------------------------------


async def test_open_note_shows_the_note(client):
    note_uri = uri(client.vault / EXISTING_DRAFT)
    assert await run(client, "blog-lsp.openNote", [{"uri": note_uri}]) is True
    assert [shown.uri for shown in client.shown_documents] == [note_uri]
    message = await refused(client, "blog-lsp.openNote", [{"uri": 3}])
    assert message.startswith(f"{INVALID_PARAMS} ")


# -- blog-lsp.newDraftFromSelection ----------------------------------------------------------


async def test_new_draft_from_a_changed_selection_is_refused(client):
    text = "Next post: Evaluating Retrieval Quality at Scale, maybe.\n"
    (client.vault / "Notes/Ideas.md").write_text(text, encoding="utf-8")
    note_uri = open_note(client, "Notes/Ideas.md")
    start = text.index("Evaluating")
    where = {
        "start": {"line": 0, "character": start},
        "end": {"line": 0, "character": start + len("Evaluating Retrieval Quality at Scale")},
    }
    before = files_under(client.vault)

    message = await refused(
        client,
        "blog-lsp.newDraftFromSelection",
        [{"uri": note_uri, "range": where, "title": "Something Else Entirely"}],
    )
    assert message.startswith(f"{REQUEST_FAILED} ") and "selection has changed" in message
    message = await refused(
        client,
        "blog-lsp.newDraftFromSelection",
        [{"uri": note_uri, "range": {"start": 3}, "title": "Evaluating"}],
    )
    assert message.startswith(f"{INVALID_PARAMS} ") and "'range' must be" in message

    assert files_under(client.vault) == before
