"""The frontmatter fast path reads exactly what the YAML composer reads, or steps aside."""

from __future__ import annotations

import pytest
import yaml
from hostile_notes import alias_bomb, block_nesting, flow_nesting

from blog_lsp.text import LineIndex
from blog_lsp.vault import frontmatter, frontmatter_yaml
from blog_lsp.vault.parse import parse_note


def parse_both(source: str, monkeypatch: pytest.MonkeyPatch):
    text = f"---\n{source}---\nBody\n"
    fast = frontmatter.parse(text, LineIndex(text))
    monkeypatch.setattr(frontmatter, "_simple_fields", lambda *_: None)
    slow = frontmatter.parse(text, LineIndex(text))
    monkeypatch.undo()
    return fast, slow


SIMPLE = [
    "title: Plain text title\n",
    "title: It's got an apostrophe and a | bar\n",
    "title: 'Single quoted: with colon'\n",
    'title: "Double quoted # hash"\n',
    "title: Éclair au café 😀\n",
    "tags: [blog, ML, fine-tuning, 'two words', \"quoted\"]\n",
    "tags: []\n",
    "tags:\n  - blog\n  - ML\ntitle: After a list\n",
    "tags:\n- blog\n- nested/tag\n",
    "description:\nstatus: draft\n",
    "type: Blog\ntitle: A\ndate: '2025-01-02'\ntags: [blog]\ndescription: B\nstatus: draft\n",
]


@pytest.mark.parametrize("source", SIMPLE)
def test_fast_path_agrees_with_yaml(source, monkeypatch):
    assert frontmatter._simple_fields(source, 1) is not None, "this input is in the subset"
    fast, slow = parse_both(source, monkeypatch)
    assert slow.error is None
    assert fast.fields.keys() == slow.fields.keys()
    for key, field in fast.fields.items():
        other = slow.fields[key]
        assert field.value == other.value, key
        assert field.style == other.style, key
        assert field.key_range == other.key_range, key
        assert field.items == other.items, key
        if field.value is not None:
            assert field.value_range == other.value_range, key


NOT_SIMPLE = [
    "date: 2025-01-02\n",
    "count: 3\n",
    "draft: yes\n",
    "title: null\n",
    "title: a: b\n",
    "title: text # comment\n",
    "tags: [2024, blog]\n",
    "tags: [a, [b]]\n",
    "nested:\n  key: value\n",
    "title: 'it''s'\n",
    'title: "escaped \\" quote"\n',
    "title: >\n  folded\n",
    "title: x\ntitle: y\n",
    "title: first\n  continued\n",
    "# comment line\ntitle: x\n",
    "title: ~\n",
    "tags: [#blog]\n",
    "- a\n- b\n",
    "title: [unclosed\n",
]


@pytest.mark.parametrize("source", NOT_SIMPLE)
def test_everything_else_goes_to_yaml(source, monkeypatch):
    assert frontmatter._simple_fields(source, 1) is None
    fast, slow = parse_both(source, monkeypatch)
    assert fast == slow


# -- hostile frontmatter: aliases, anchors and nesting cost bounded time ---------------------


@pytest.fixture(params=["C loader", "Python loader"])
def loader(request, monkeypatch):
    """Run the test with libyaml's loader and with PyYAML's pure-Python one (its fallback)."""
    if request.param == "Python loader":
        monkeypatch.setattr(frontmatter_yaml, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed")
    return request.param


def parse_frontmatter(source: str):
    text = f"---\n{source}---\n# Body\n\nSee [[Other]] and #topic.\n"
    return parse_note("n.md", text)


@pytest.mark.parametrize("key", ["aliases", "tags", "title", "date", "other"])
def test_an_alias_bomb_is_refused_with_an_error_and_the_body_still_parsed(key, loader):
    note = parse_frontmatter(alias_bomb(key, levels=6))
    front = note.frontmatter
    assert front.error is not None and "alias" in front.error
    assert f"{frontmatter_yaml.MAX_ALIASED_VALUES:,}" in front.error
    assert front.fields == {} and note.aliases == []
    assert front.error_range.start.line >= 1
    assert [h.text for h in note.headings] == ["Body"]
    assert [link.target for link in note.links] == ["Other"]
    assert [tag.name for tag in note.tags] == ["topic"]


def test_few_aliases_that_expand_enormously_are_refused(loader):
    # 2 aliases a level, 20 levels: 40 aliases, a million values once expanded.
    front = parse_frontmatter(alias_bomb("aliases", levels=20, width=2)).frontmatter
    assert front.error is not None and "expand" in front.error


def test_too_many_aliases_are_refused(loader):
    count = frontmatter_yaml.MAX_ALIASES + 1
    source = "base: &b x\n" + "".join(f"k{i}: *b\n" for i in range(count))
    front = parse_frontmatter(source).frontmatter
    assert front.error is not None
    assert f"more than {frontmatter_yaml.MAX_ALIASES} aliases" in front.error


def test_an_alias_inside_its_own_anchor_is_refused(loader):
    front = parse_frontmatter("loop: &a [x, *a]\n").frontmatter
    assert front.error is not None and "holds it" in front.error
    assert front.fields == {}


def test_a_few_aliases_are_read_as_yaml_reads_them(loader):
    source = "base: &b [blog, ML]\ntags: *b\ntitle: &t Shared\naliases: [*t, Other]\n"
    note = parse_frontmatter(source)
    assert note.frontmatter.error is None
    assert note.frontmatter.get("tags") == ["blog", "ML"]
    assert note.aliases == ["Shared", "Other"]


def test_the_fast_path_hands_anchors_and_aliases_to_yaml():
    for source in ("title: &t x\n", "tags: [a, *t]\n", "tags:\n  - *t\n", "a: *t\n"):
        assert frontmatter._simple_fields(source, 1) is None, source


@pytest.mark.parametrize("nesting", [block_nesting, flow_nesting])
@pytest.mark.parametrize("levels", [400, 2000])
def test_deep_nesting_is_refused_with_an_error(nesting, levels, loader):
    front = parse_frontmatter(nesting(levels)).frontmatter
    assert front.error is not None and "nest" in front.error
    assert front.fields == {}


# An '&' anywhere (here in text) takes the walk that follows aliases: both walks bound depth.
@pytest.mark.parametrize("other", ["", "other: Q&A\n"])
@pytest.mark.parametrize("nesting", [block_nesting, flow_nesting])
def test_nesting_up_to_the_limit_is_read(nesting, other, loader):
    # The top-level mapping is one level: its value may nest one level less than the limit.
    allowed = frontmatter_yaml.MAX_DEPTH - 1
    front = parse_frontmatter(other + nesting(allowed)).frontmatter
    assert front.error is None
    value, depth = front.get("title"), 0
    while isinstance(value, list):
        value, depth = value[0], depth + 1
    assert (value, depth) == ("x", allowed)
    refused = parse_frontmatter(other + nesting(allowed + 1)).frontmatter
    assert refused.error is not None and f"{frontmatter_yaml.MAX_DEPTH} levels" in refused.error


def test_an_alias_counts_the_depth_of_its_anchor_where_it_is_used(loader):
    half = frontmatter_yaml.MAX_DEPTH // 2
    anchored = "base: &b " + "[" * half + "x" + "]" * half + "\n"
    front = parse_frontmatter(anchored + "title: " + "[" * half + "*b" + "]" * half + "\n")
    assert front.frontmatter.error is not None and "levels deep" in front.frontmatter.error
    shallow = parse_frontmatter(anchored + "title: [*b]\n").frontmatter
    assert shallow.error is None
