"""Where the vault spells out an acronym (for the hover of jargon-undefined): each form of
definition the check knows, the note's own text shown, code and mere uses left out."""

from __future__ import annotations

from blog_lsp.checks.jargon import definitions
from blog_lsp.relevance.definitions import find_definitions
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault


def test_each_form_of_definition_is_found_with_its_text():
    note = parse_note(
        "Notes/PEFT.md",
        "# PEFT\n\nWe use Parameter-Efficient\nFine-Tuning (PEFT) here. Then PEFT "
        "(Parameter-Efficient Fine-Tuning) again. PEFT stands for a family of methods. "
        "PEFT helps.\n\n```\nParameter Efficient Fine Tuning (PEFT)\n```\n",
    )
    assert definitions(note, "PEFT") == [
        "Parameter-Efficient Fine-Tuning (PEFT)",
        "PEFT (Parameter-Efficient Fine-Tuning)",
        "PEFT stands for a family of methods.",
    ]
    assert definitions(note, "RAG") == []
    used = parse_note("Notes/Use.md", "# Use\n\nPEFT (the cheap way) helps.\n\nWe use (PEFT).\n")
    assert definitions(used, "PEFT") == []


def test_the_vault_is_searched_for_a_definition_other_than_the_drafts(make_vault):
    root = make_vault(
        {
            "Tweets/Draft.md": "# Draft\n\nKV grows. Key-Value (KV) caches.\n",
            "Notes/Cache.md": "# Cache\n\nThe key-value (KV) cache holds attention state.\n",
            "Notes/Mention.md": "# Mention\n\nThe KV cache, again and again: KV, KV.\n",
            "Notes/Other.md": "# Other\n\nNothing here.\n",
        }
    )
    vault = Vault.open(root, editor_settings={"cache": False})
    read = vault.load
    found = find_definitions(vault, "KV", read, exclude="Tweets/Draft.md")
    assert [(item.path, item.title, item.text) for item in found] == [
        ("Notes/Cache.md", "Cache", "key-value (KV)")
    ]
    assert find_definitions(vault, "RAG", read) == []
    assert find_definitions(vault, "KV", read, exclude="Notes/Cache.md")[0].path == (
        "Tweets/Draft.md"
    )
