"""Drafts with nearly the same title, from the vault's index."""

from __future__ import annotations

import datetime
from pathlib import Path

from blog_lsp.drafting.files import create_draft
from blog_lsp.drafting.similar import find_similar_drafts
from blog_lsp.drafting.template import DraftSpec
from blog_lsp.settings import Settings
from blog_lsp.vault.vault import Vault

TODAY = datetime.date(2025, 12, 31)


def test_similar_drafts(tmp_path: Path) -> None:
    create_draft(tmp_path, "Tweets", DraftSpec("Building Production RAG Systems", TODAY))
    create_draft(tmp_path, "Tweets", DraftSpec("Understanding Transformer Attention", TODAY))
    (tmp_path / "Notes").mkdir()
    (tmp_path / "Notes" / "RAG.md").write_text("---\ntitle: Building Production RAG Systems\n---\n")
    vault = Vault(tmp_path, Settings()).scanned()
    found = find_similar_drafts(vault, "building production RAG systems!")
    assert [item.path for item in found] == ["Tweets/Building Production RAG Systems.md"]
    assert find_similar_drafts(vault, "Serving Diffusion Models") == []
    found = find_similar_drafts(vault, "Systems: Building Production RAG", threshold=95)
    assert [(item.title, round(item.score)) for item in found] == [
        ("Building Production RAG Systems", 100)
    ]
    assert find_similar_drafts(vault, "???") == []
