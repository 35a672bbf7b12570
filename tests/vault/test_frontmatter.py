"""The frontmatter fast path reads exactly what the YAML composer reads, or steps aside."""

from __future__ import annotations

import pytest

from blog_lsp.text import LineIndex
from blog_lsp.vault import frontmatter


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
