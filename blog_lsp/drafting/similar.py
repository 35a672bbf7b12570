"""Drafts with nearly the same title or nearly the same content, found in the vault's index
(no file is read).

Content is compared by its three-word phrases (:mod:`blog_lsp.relevance.shingles`): two drafts
are near-duplicates when at least the ``duplicate_content_similarity`` setting's share (40 % by
default) of the smaller one's phrases are in the other. Measured on tests/relevance/vault
(tests/drafting/test_content_duplicates.py): of the 1,035 pairs of its 46 notes (164 of them on
one topic), none shares more than 16 %; copies of its ten drafts with a tenth of their words
changed, now and then a sentence dropped and two paragraphs swapped keep 60 % or more, with a
fifth changed 46 % or more (a third changed: half of them fall below); one reworded sentence by
sentence keeps 62 %. Only a few drafts are compared: those that hold the most of the note's
rarest terms, found in the relevance engine's term index (a copy holds them all), never every
draft of the vault.
"""

from __future__ import annotations

import dataclasses
import functools
import heapq
import re
from collections import Counter
from typing import TYPE_CHECKING, Literal

from rapidfuzz import fuzz, process

from blog_lsp.relevance.shingles import containment, content_shingles, decode_shingles
from blog_lsp.relevance.terms import count_terms, decode_terms
from blog_lsp.vault.index import title_key

if TYPE_CHECKING:
    from blog_lsp.vault.vault import Vault

_NUMBER = re.compile(r"\d+")

# Fewer phrases than this say too little to judge: a draft just made from the template (its
# title and headings) has fewer; one with a description of a dozen words or more has as many.
MIN_SHINGLES = 15
# How many drafts, those holding most of the note's rarest terms, are compared phrase by phrase.
CANDIDATES = 10
QUERY_TERMS = 12

Match = Literal["title", "content"]


@dataclasses.dataclass(frozen=True, slots=True)
class SimilarDraft:
    path: str  # relative to the vault root
    title: str
    score: float  # 0-100
    match: Match = "title"  # what is nearly the same

    @property
    def alike(self) -> str:
        """What the two drafts have, in words: 'a draft with ... exists'."""
        return "a nearly identical title" if self.match == "title" else "nearly identical content"


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


@functools.cache
def _template_shingles() -> frozenset[int]:
    """The phrases of the template itself (its headings, any placeholder): every draft made
    from it has them, so they say nothing about what a draft says."""
    import datetime

    from blog_lsp.drafting.template import DraftSpec, render_draft

    # A one-letter title: no phrase of a real title is taken for the template's.
    text = render_draft(DraftSpec("x", datetime.date(2000, 1, 1)))
    return frozenset(content_shingles(prose_of(text)))


def find_content_duplicates(
    vault: Vault,
    prose: str,
    *,
    exclude: str | None = None,
    threshold: float | None = None,
    limit: int = 5,
) -> list[SimilarDraft]:
    """Drafts of the vault whose content is nearly that of a note with this ``prose`` (see
    the module's notes), most alike first; ``exclude`` is the note's own path; ``threshold``
    the share of phrases (0-1), by default the ``duplicate_content_similarity`` setting.
    Costs the postings of a few rare terms and :data:`CANDIDATES` set intersections.
    """
    if threshold is None:
        threshold = vault.settings.duplicate_content_similarity / 100
    index = vault.index
    fingerprints = index.draft_shingles
    template = _template_shingles()
    own = content_shingles(prose) - template
    if len(own) < MIN_SHINGLES or not any(path != exclude for path in fingerprints):
        return []
    relevance = index.relevance
    # The note's terms as the index holds them (a keystroke behind at most: enough to find
    # candidates by, and not counted again); a new draft's, which the index has not, counted.
    encoded = index.note_terms.get(exclude) if exclude is not None else None
    terms = decode_terms(encoded) if encoded is not None else count_terms(prose)
    query = relevance.key_terms(terms, QUERY_TERMS, terms if encoded is not None else ())
    # A copy holds all of the note's rarest terms: the drafts that hold the most of them are
    # the candidates (BM25's scores would rank a short note on the topic above a long copy).
    held: Counter[str] = Counter()
    for term in query:
        held.update(path for path in relevance.holders(term) if path in fingerprints)
    held.pop(exclude or "", None)
    ranked = heapq.nsmallest(CANDIDATES, held.items(), key=lambda item: (-item[1], item[0]))
    found = []
    for path, _ in ranked:
        other = decode_shingles(fingerprints[path]) - template
        if len(other) < MIN_SHINGLES:
            continue
        share = containment(own, other)
        if share >= threshold:
            title = index.drafts.get(path, ("", path))[1]
            found.append(SimilarDraft(path, title, share * 100, "content"))
    found.sort(key=lambda draft: (-draft.score, draft.path))
    return found[:limit]


def find_duplicate_drafts(
    vault: Vault, title: str, prose: str | None = None, *, exclude: str | None = None
) -> list[SimilarDraft]:
    """Drafts nearly the same as a note with this ``title`` and, when given, this ``prose``
    (see :func:`prose_of`): those with nearly the same title first, then the others with
    nearly the same content; ``exclude`` is the note's own path."""
    found = find_similar_drafts(vault, title, exclude=exclude)
    if prose is not None:
        named = {draft.path for draft in found}
        found.extend(
            draft
            for draft in find_content_duplicates(vault, prose, exclude=exclude)
            if draft.path not in named
        )
    return found


def prose_of(text: str) -> str:
    """The prose of a whole note's text (a draft about to be made), as the index reads it."""
    from blog_lsp.vault.parse import parse_note

    return parse_note("new.md", text).prose or ""
