"""check_note: file problems, invalid frontmatter, severities from settings, faulty checks,
and the spelling checks as they see a parsed note."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from hostile_notes import alias_bomb, block_nesting, finishes, release_reader

from blog_lsp import checks
from blog_lsp.checks import CheckContext, check_note
from blog_lsp.findings import MAX_FINDINGS_PER_NOTE, Severity
from blog_lsp.settings import Settings
from blog_lsp.text import Range
from blog_lsp.vault.vault import Vault


def findings_for(root: Path, relative: str, settings: Settings | None = None):
    vault = Vault(root, settings or Settings()).scanned()
    return check_note(vault.load(relative), CheckContext(vault))


def codes(items) -> list[str]:
    return [item.code for item in items]


def fixes_of(root: Path, relative: str, code: str) -> list[tuple[Range, str | None]]:
    return [(item.range, item.fix) for item in findings_for(root, relative) if item.code == code]


def spelling_fixes(root: Path, relative: str) -> list[tuple[Range, str | None]]:
    return fixes_of(root, relative, "british-spelling")


def test_invalid_frontmatter_is_an_error_at_the_yaml_error(make_vault):
    root = make_vault({"Note.md": "---\ntitle: ok\ntags: [unclosed\n---\nBody\n"})
    (item,) = [i for i in findings_for(root, "Note.md") if i.code == "frontmatter-invalid"]
    assert item.severity is Severity.ERROR
    assert item.range.start.line >= 2
    assert "not valid YAML" in item.message


def test_valid_frontmatter_gives_no_frontmatter_invalid(make_vault):
    root = make_vault({"Note.md": "---\ntitle: ok\ntags: [a, b]\n---\nBody\n"})
    assert "frontmatter-invalid" not in codes(findings_for(root, "Note.md"))


def test_unclosed_frontmatter_is_invalid(make_vault):
    root = make_vault({"Note.md": "---\ntitle: ok\n\nBody\n"})
    (item,) = findings_for(root, "Note.md")
    assert item.code == "frontmatter-invalid" and item.range == Range.on_line(0, 0, 3)


def test_non_utf8_note_gets_one_finding_and_nothing_else(make_vault):
    root = make_vault({"Latin.md": "colour caf\u00e9".encode("cp1252")})
    assert codes(findings_for(root, "Latin.md")) == ["file-encoding"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("Notes/Caf\udce9.md", "byte 0xe9 after 'Notes/Caf'"),  # Latin-1 bytes on Linux
        ("Caf\ud800.md", "a lone surrogate"),  # a Windows name no UTF-8 can spell
    ],
)
def test_a_filename_that_is_not_utf8_gets_a_finding(tmp_path, path, expected):
    vault = Vault(tmp_path, Settings()).with_text(path, "Fine.\n")
    found = check_note(vault.load(path, "Fine.\n"), CheckContext(vault))
    (item,) = [i for i in found if i.code == "filename-encoding"]
    assert expected in item.message and item.range == Range.on_line(0, 0, 0)
    # A UTF-8 name, with a character outside ASCII, gets none.
    clean = check_note(vault.load("Caf\u00e9.md", "Fine.\n"), CheckContext(vault))
    assert "filename-encoding" not in codes(clean)


def test_too_large_note_gets_one_finding(make_vault):
    root = make_vault({"Big.md": "color " * 100})
    found = findings_for(root, "Big.md", Settings(max_file_size=100))
    assert codes(found) == ["file-too-large"]
    assert findings_for(root, "Big.md", Settings(max_file_size=10_000)) != found


def test_severity_can_be_changed_or_turned_off(make_vault):
    root = make_vault({"Note.md": "The color and [[Missing]].\n"})
    default = {i.code: i.severity for i in findings_for(root, "Note.md")}
    assert default == {"british-spelling": Severity.WARNING, "link-unresolved": Severity.WARNING}
    changed = findings_for(
        root,
        "Note.md",
        Settings(rules={"british-spelling": "error", "link-unresolved": "off"}),
    )
    assert [(i.code, i.severity) for i in changed] == [("british-spelling", Severity.ERROR)]


def test_a_failing_check_is_logged_and_the_others_still_report(make_vault, monkeypatch, caplog):
    def broken(note, context):
        raise RuntimeError("boom")

    from blog_lsp.checks import links

    monkeypatch.setattr(links, "CHECKS", [broken])
    root = make_vault({"Note.md": "The color.\n"})
    with caplog.at_level(logging.ERROR):
        found = findings_for(root, "Note.md")
    assert codes(found) == ["british-spelling"]
    assert "boom" in caplog.text


def test_findings_are_sorted_by_position(make_vault):
    root = make_vault({"Note.md": "[[Missing]] color\ngray [[Gone]]\n"})
    found = findings_for(root, "Note.md")
    assert [i.range.start for i in found] == sorted(i.range.start for i in found)


# -- at most MAX_FINDINGS_PER_NOTE findings a note ----------------------------------------------


def american_lines(count: int) -> str:
    return "".join(f"Line {i}: the color.\n" for i in range(count))


def test_findings_past_the_cap_are_counted_in_one_summary(make_vault):
    root = make_vault({"Note.md": american_lines(MAX_FINDINGS_PER_NOTE + 500)})
    found = findings_for(root, "Note.md")
    assert len(found) == MAX_FINDINGS_PER_NOTE + 1
    (summary,) = [item for item in found if item.code == "findings-truncated"]
    assert summary.severity is Severity.INFORMATION and summary.range == Range.on_line(0, 0, 0)
    assert "500 more findings" in summary.message and "500 british-spelling" in summary.message
    assert summary.data["left_out"] == 500
    kept = [item for item in found if item.code == "british-spelling"]
    assert [item.range.start.line for item in kept] == list(range(MAX_FINDINGS_PER_NOTE))
    assert [i.range.start for i in found] == sorted(i.range.start for i in found)


def test_the_cap_keeps_the_most_serious_findings_wherever_they_are(make_vault):
    text = american_lines(MAX_FINDINGS_PER_NOTE + 10) + "See [[Missing]].\n"
    root = make_vault({"Note.md": text})
    found = findings_for(root, "Note.md", Settings(rules={"link-unresolved": "error"}))
    assert [item.code for item in found if item.severity is Severity.ERROR] == ["link-unresolved"]
    assert "11 more findings" in found[0].message


def test_up_to_the_cap_nothing_is_left_out(make_vault):
    root = make_vault({"Note.md": american_lines(MAX_FINDINGS_PER_NOTE)})
    found = findings_for(root, "Note.md")
    assert codes(found) == ["british-spelling"] * MAX_FINDINGS_PER_NOTE


def test_the_summary_can_be_turned_off_and_the_cap_still_holds(make_vault):
    root = make_vault({"Note.md": american_lines(MAX_FINDINGS_PER_NOTE + 5)})
    found = findings_for(root, "Note.md", Settings(rules={"findings-truncated": "off"}))
    assert codes(found) == ["british-spelling"] * MAX_FINDINGS_PER_NOTE


# -- hostile frontmatter -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "frontmatter",
    [
        # Before the depth bound, _is_empty recursed into this and failed the draft's checks.
        block_nesting(400, "title"),
        block_nesting(400, "date"),
        block_nesting(400, "tags"),
        # Before the alias budget, messages and emptiness tests expanded these.
        alias_bomb("date", levels=6),
        alias_bomb("tags", levels=6),
        alias_bomb("description", levels=6),
    ],
    ids=["deep title", "deep date", "deep tags", "bomb date", "bomb tags", "bomb description"],
)
def test_hostile_frontmatter_is_one_finding_and_every_other_check_runs(
    make_vault, caplog, frontmatter
):
    root = make_vault({"Tweets/Hostile.md": f"---\n{frontmatter}---\n# Hostile\n\nThe color.\n"})
    with caplog.at_level(logging.ERROR):
        found = findings_for(root, "Tweets/Hostile.md")
    assert caplog.records == [], caplog.text
    (invalid,) = [item for item in found if item.code == "frontmatter-invalid"]
    assert "nests" in invalid.message or "aliases" in invalid.message
    assert "british-spelling" in codes(found)  # the body is checked as usual
    assert "structure-conclusion" in codes(found)  # and so is the draft's structure


# -- spelling checks on a parsed note --------------------------------------------------------


def test_spelling_in_title_and_description_values_but_not_keys_or_other_values(make_vault):
    text = (
        "---\ntitle: Color theory\ndescription: Learn to optimize.\n"
        "color: gray\ntags: [color]\n---\nBody.\n"
    )
    root = make_vault({"Note.md": text})
    assert spelling_fixes(root, "Note.md") == [
        (Range.on_line(1, 7, 12), "Colour"),
        (Range.on_line(2, 22, 30), "optimise"),
    ]


def test_spelling_scope_drafts_leaves_other_notes_alone(make_vault):
    root = make_vault({"Tweets/Post.md": "The color.\n", "Notes/Note.md": "The color.\n"})
    narrow = Settings(spelling_scope="drafts")
    assert "british-spelling" in codes(findings_for(root, "Tweets/Post.md", narrow))
    assert "british-spelling" not in codes(findings_for(root, "Notes/Note.md", narrow))
    assert "british-spelling" in codes(findings_for(root, "Notes/Note.md"))


def test_oxford_mode_accepts_ize_but_not_yze(make_vault):
    root = make_vault({"Note.md": "We optimize and analyze.\n"})
    found = findings_for(root, "Note.md", Settings(spelling_mode="oxford"))
    assert [i.fix for i in found if i.code == "british-spelling"] == ["analyse"]


def test_typo_finding_has_no_fix_and_words_from_other_notes_are_known(make_vault):
    root = make_vault({"A.md": "A zorbulate here.\n", "B.md": "Another qwertyuiop.\n"})
    (typo,) = [i for i in findings_for(root, "B.md") if i.code == "spelling"]
    assert typo.fix is None and typo.data["word"] == "qwertyuiop"
    root_two = make_vault({"C.md": "We zorbulate too.\n"})
    assert "spelling" not in codes(findings_for(root_two, "C.md"))


def test_a_typo_is_reported_at_every_use_and_the_message_is_true(make_vault):
    root = make_vault({"A.md": "Teh start. Then teh middle and teh end.\n", "B.md": "Other.\n"})
    typos = [i for i in findings_for(root, "A.md") if i.code == "spelling"]
    assert [i.range for i in typos] == [
        Range.on_line(0, 0, 3),
        Range.on_line(0, 16, 19),
        Range.on_line(0, 31, 34),
    ]
    assert all(
        i.message == f'"{i.data["word"]}" is in no dictionary, no word list and no other note '
        "(3 times in this note): a typo?"
        for i in typos
    )


def test_a_word_that_is_a_name_at_one_use_is_reported_at_none(make_vault):
    text = (
        "Posted in Blogkeeping, Design.\nPosted in Blogkeeping, Musings.\n"
        "Blogkeeping, once more.\nA blogkeeping note.\n"
    )
    root = make_vault({"A.md": text})
    assert "spelling" not in codes(findings_for(root, "A.md"))


def test_words_of_the_notes_web_addresses_and_links_are_not_typos(make_vault):
    text = (
        "A [blog-post by anyscale](https://www.anyscale.com/blog/llama) and a substack rant\n"
        "(https://zzbbyy.substack.com/p/why). See [[Qwzxplor notes]] on qwzxplor; qwertyuiop.\n"
    )
    root = make_vault({"A.md": text})
    words = [i.data["word"] for i in findings_for(root, "A.md") if i.code == "spelling"]
    assert words == ["qwertyuiop"]


@pytest.mark.parametrize("source", ["settings", "vault list", "user list"])
def test_accepted_words_from_every_source(make_vault, tmp_path, monkeypatch, source):
    root = make_vault({"Note.md": "The flibbertigibbetz colorz.\n"})
    settings = Settings(user_word_list=str(tmp_path / "user-words.txt"))
    if source == "settings":
        settings = Settings(accepted_words=["flibbertigibbetz"])
    elif source == "vault list":
        (root / ".blog-lsp-words.txt").write_text("# my words\nflibbertigibbetz\n")
    else:
        (tmp_path / "user-words.txt").write_text("flibbertigibbetz\n")
    words = [i.data.get("word") for i in findings_for(root, "Note.md", settings)]
    assert "flibbertigibbetz" not in words
    assert "colorz" in words


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_as_word_list_is_not_waited_for(make_vault):
    root = make_vault({"Note.md": "The flibbertigibbetz.\n"})
    os.mkfifo(root / ".blog-lsp-words.txt")
    vault = Vault(root, Settings(accepted_words=["flibbertigibbetz"], user_word_list=""))
    words = finishes(
        lambda: CheckContext(vault).accepted_words(),
        unblock=lambda: release_reader(root / ".blog-lsp-words.txt"),
    )
    assert words == ["flibbertigibbetz"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("flibbertigibbetz\n".encode("utf-16"), "binary"),  # NUL bytes that are valid UTF-8
        ("flibbertigibbetz\ncaf\u00e9\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_word_list_that_is_not_text_is_named_once(make_vault, tmp_path, caplog, content, reason):
    root = make_vault({"Note.md": "The flibbertigibbetz.\n"})
    word_list = root / ".blog-lsp-words.txt"
    word_list.write_bytes(content)
    vault = Vault(root, Settings(user_word_list=str(tmp_path / "none.txt")))
    with caplog.at_level(logging.WARNING, logger="blog_lsp"):
        for _ in range(3):  # the server builds a context again on every settings change
            assert CheckContext(vault).accepted_words() == []
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1, warnings
    assert str(word_list) in warnings[0] and reason in warnings[0]
    assert "its words are not used" in warnings[0]
    # Mended, the list is used; broken again, it is named again.
    word_list.write_text("flibbertigibbetz\n", encoding="utf-8")
    assert CheckContext(vault).accepted_words() == ["flibbertigibbetz"]
    word_list.write_bytes(content + b"\xff")
    CheckContext(vault).accepted_words()
    assert len(caplog.records) == 2


def test_a_missing_word_list_is_no_problem(make_vault, tmp_path, caplog):
    root = make_vault({"Note.md": "Fine.\n"})
    vault = Vault(root, Settings(user_word_list=str(tmp_path / "none.txt")))
    with caplog.at_level(logging.WARNING, logger="blog_lsp"):
        assert CheckContext(vault).accepted_words() == []
    assert caplog.records == []


def test_mojibake_and_emoji_lines_are_checked_with_code_point_ranges(make_vault):
    text = "Smaller windows â†’ faster ðŸ‘‰ and a color.\nCafÃ© 😀 behavior.\n"
    root = make_vault({"Note.md": text})
    found = set(spelling_fixes(root, "Note.md"))
    first = text.splitlines()[0].index("color")
    second = text.splitlines()[1].index("behavior")
    assert found == {
        (Range.on_line(0, first, first + 5), "colour"),
        (Range.on_line(1, second, second + 8), "behaviour"),
    }


def test_checks_module_lists_every_rule_somewhere():
    import importlib
    import inspect

    from blog_lsp.checks.framework import CHECK_MODULES
    from blog_lsp.rules import RULES

    modules = [checks.framework, checks.config]
    modules += [importlib.import_module(f"blog_lsp.checks.{name}") for name in CHECK_MODULES]
    sources = "".join(inspect.getsource(module) for module in modules)
    sources += inspect.getsource(__import__("blog_lsp.runner", fromlist=["x"]))
    sources += inspect.getsource(__import__("blog_lsp.vault.files", fromlist=["x"]))
    missing = [
        code
        for code in RULES
        if f'"{code}"' not in sources and code not in {"british-spelling", "british-style"}
    ]
    assert missing == []


def mojibake(root: Path, relative: str) -> list[tuple[Range, str | None]]:
    return fixes_of(root, relative, "text-mojibake")


def test_mojibake_is_reported_with_the_repaired_text_as_its_fix(make_vault):
    text = "Cost is O(nÂ²).\n- Smaller windows â†’ faster\nðŸ‘‰ Have you tried it? CafÃ© time.\n"
    root = make_vault({"Note.md": text})
    assert mojibake(root, "Note.md") == [
        (Range.on_line(0, 11, 13), "²"),
        (Range.on_line(1, 18, 21), "→"),
        (Range.on_line(2, 0, 4), "👉"),
        (Range.on_line(2, 27, 29), "é"),
    ]
    (item,) = [i for i in findings_for(root, "Note.md") if i.fix == "→"]
    assert item.severity == Severity.WARNING and "â†’" in item.message


@pytest.mark.parametrize(
    "text",
    [
        "A naïve café’s “quoted” résumé — déjà vu in Zürich, 20 °C, 5 × 3 ≈ 15.\n",
        "Emoji 👉 and arrows → and dashes – all fine; Ångström and Æsir too.\n",
        "```\nprint('O(nÂ²)')  # a test of mojibake, in code\n```\n",
        "Inline `â†’` code is left alone.\n",
    ],
)
def test_clean_text_and_code_have_no_mojibake(make_vault, text):
    root = make_vault({"Note.md": text})
    assert mojibake(root, "Note.md") == []
