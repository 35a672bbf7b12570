"""Drafts with nearly the same title, found in the vault's index (no file is read)."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from blog_lsp.vault.index import title_key

if TYPE_CHECKING:
    from blog_lsp.vault.vault import Vault

_NUMBER = re.compile(r"\d+")


@dataclasses.dataclass(frozen=True, slots=True)
class SimilarDraft:
    path: str  # relative to the vault root
    title: str
    score: float  # 0-100


def _draft_titles(vault: Vault, exclude: str | None) -> tuple[list[str], list[str], list[str]]:
    """Comparison keys, paths and titles of every draft of the vault but ``exclude``, from the
    index's map of drafts (kept in step with the notes: nothing is walked here)."""
    keys: list[str] = []
    paths: list[str] = []
    titles: list[str] = []
    for path, (key, title) in vault.index.drafts.items():
        if key and path != exclude:
            keys.append(key)
            paths.append(path)
            titles.append(title)
    return keys, paths, titles


def find_similar_drafts(
    vault: Vault,
    title: str,
    *,
    exclude: str | None = None,
    threshold: float | None = None,
    limit: int = 5,
) -> list[SimilarDraft]:
    """Drafts of the vault whose title is nearly ``title`` (token_sort_ratio on casefolded
    titles >= ``threshold``, by default the ``duplicate_title_similarity`` setting), most
    alike first. Titles that differ in their numbers ("Part 1", "Part 2") are not similar.
    Reads no file: titles come from the vault's index."""
    key = title_key(title)
    if not key:
        return []
    keys, paths, titles = _draft_titles(vault, exclude)
    cutoff = vault.settings.duplicate_title_similarity if threshold is None else threshold
    matches = process.extract(
        key, keys, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=limit * 2
    )
    numbers = _NUMBER.findall(title)
    similar = [
        SimilarDraft(paths[position], titles[position], score)
        for _, score, position in matches
        if _NUMBER.findall(titles[position]) == numbers
    ]
    return similar[:limit]


def similar_drafts(vault: Vault, title: str) -> list[str]:
    """Paths of the drafts whose title is nearly ``title``, most alike first (for
    ``blog-lsp new``, which refuses to create a duplicate)."""
    return [draft.path for draft in find_similar_drafts(vault, title)]
