"""The findings cache: findings, with their typed fixes, read back as they were stored."""

from __future__ import annotations

from pathlib import Path

from blog_lsp import findings_cache
from blog_lsp.checks import CheckContext, check_note
from blog_lsp.findings import Edit, InsertLines, RenameNote
from blog_lsp.vault.vault import Vault

BROKEN = "Tweets/how to optimize rag #2.md"


def test_findings_and_every_kind_of_fix_are_read_back_as_stored(example_vault: Path) -> None:
    (example_vault / "Tweets/No Frontmatter.md").write_text("# No Frontmatter\n", encoding="utf-8")
    vault = Vault(example_vault).scanned()
    context = CheckContext(vault)
    found = {path: check_note(vault.load(path), context) for path in sorted(vault.notes)}
    kinds = {
        type(change)
        for items in found.values()
        for item in items
        for fix in item.fixes
        for change in fix.edits
    }
    assert kinds == {Edit, InsertLines, RenameNote}
    key = findings_cache.key(vault)

    findings_cache.save(vault, key, found)
    loaded = findings_cache.load(vault, key)

    assert loaded == found
    for path, items in found.items():
        assert [item.fixes for item in loaded[path]] == [item.fixes for item in items]
        assert [item.data for item in loaded[path]] == [item.data for item in items]
    assert findings_cache.load(vault, "another key") == {}
