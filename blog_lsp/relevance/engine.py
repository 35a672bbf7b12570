"""Related notes and suggested tags for a note, from the vault index as it is.

A note is related to another by three things, added up with weights:

- **words**: BM25 over the notes' prose terms, the query being the note's
  :data:`QUERY_TERMS` most telling terms (a long draft's every word would find every note);
  scaled by the most the query could score, so it lies between 0 and 1;
- **tags**: the share of the note's tags (weighed by rarity: a tag on every note says little;
  the blog tag says nothing about the topic) that the other note has too;
- **links**: a link between the two, either way; links to the same notes (bibliographic
  coupling); being linked from the same notes (co-citation). Hubs linked from everywhere
  weigh less.

Everything comes from the index: the term index, the tag and link maps, kept in step with
every change. The note itself is taken as given (an editor's unsaved text), not from the
index, which may be a keystroke behind.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from blog_lsp.relevance.postings import TermIndex, term_weight
from blog_lsp.relevance.terms import decode_terms, note_terms, query_terms

if TYPE_CHECKING:
    from blog_lsp.vault.model import Note
    from blog_lsp.vault.vault import Vault

QUERY_TERMS = 25
DEFAULT_LIMIT = 10
MAX_LIMIT = 100
# How many related notes vote for the tags suggested.
TAG_NEIGHBOURS = 15
# How much a tag's own words, found among the note's telling terms, count beside the votes.
TAG_TEXT_WEIGHT = 0.4
WHY_WORDS = 3
WHY_NAMES = 2


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each part counts (tuned on tests/relevance/vault: see
    tools/relevance_quality.py, which also shows each part alone)."""

    words: float = 1.0
    tags: float = 0.35
    links: float = 0.35


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class RelatedNote:
    """A note related to the one asked about, with what relates them."""

    path: str
    title: str
    target: str  # what goes between '[[' and ']]' to link to it, unambiguously
    score: float
    words: tuple[str, ...] = ()  # shared words that weigh most
    tags: tuple[str, ...] = ()  # shared tags
    links: tuple[str, ...] = ()  # how the links relate them, in a few words each

    @property
    def why(self) -> str:
        parts = []
        if self.tags:
            parts.append("shared tags: " + ", ".join(f"#{tag}" for tag in self.tags))
        if self.words:
            parts.append("shared words: " + ", ".join(self.words))
        parts.extend(self.links)
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "path": self.path,
            "title": self.title,
            "score": round(self.score, 4),
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class SuggestedTag:
    tag: str
    score: float
    source: str  # "vault" (other notes use it) or "spec" (the settings' tag_vocabulary)

    def to_json(self) -> dict[str, Any]:
        return {"tag": self.tag, "score": round(self.score, 4), "source": self.source}


# -- the three parts ---------------------------------------------------------------------


def _word_scores(
    relevance: TermIndex, terms: Mapping[str, int], own: Mapping[str, int], path: str
) -> tuple[dict[str, float], dict[str, float]]:
    """Each note's words score (0-1), and the query it came from."""
    query = relevance.key_terms(terms, QUERY_TERMS, own)
    if not query:
        return {}, query
    found = relevance.scores(query)
    found.pop(path, None)
    ceiling = sum(query.values()) * term_weight(10**9, 0.0)  # every term saturated
    return {other: score / ceiling for other, score in found.items()}, query


def _tag_scores(
    vault: Vault, note: Note
) -> tuple[dict[str, float], dict[str, dict[str, str]], dict[str, str]]:
    """Each note's tags score (0-1): the weighed share of this note's tags it has too; and
    the tags each note shares, by folded name, and the note's own spellings."""
    index = vault.index
    blog = vault.settings.blog_tag.casefold()
    own = {tag.name.casefold(): tag.name for tag in note.tags}
    own.pop(blog, None)
    total_notes = max(len(index.notes), 1)
    weights: dict[str, float] = {}
    for folded in own:
        holders = index.tags.get(folded)
        others = len(holders) - (note.path in holders) if holders is not None else 0
        if others:
            weights[folded] = math.log(1 + total_notes / others)
    total = sum(weights.values())
    scores: dict[str, float] = {}
    shared: dict[str, dict[str, str]] = {}
    for folded, weight in weights.items():
        for path in index.tags.get(folded, ()):
            if path != note.path:
                scores[path] = scores.get(path, 0.0) + weight / total
                shared.setdefault(path, {})[folded] = own[folded]
    return scores, shared, own


@dataclass
class _LinkParts:
    scores: dict[str, float]
    reasons: dict[str, list[str]]


def _link_scores(vault: Vault, note: Note) -> _LinkParts:
    """Each note's links score (0-1), with the reasons in words."""
    index = vault.index
    path = note.path
    targets = _targets(vault, path, (link.target for link in note.links))
    linking = [
        other
        for other in index.linking(path)
        if other != path and path in _targets(vault, other, _link_targets(vault, other))
    ]
    scores: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}

    def credit(other: str, amount: float, reason: str) -> None:
        if other == path or other not in index.notes:
            return
        scores[other] = scores.get(other, 0.0) + amount
        reasons.setdefault(other, []).append(reason)

    for other in targets:
        credit(other, 0.5, "linked from this note")
    for other in linking:
        credit(other, 0.5, "links to this note")
    # Links to the same notes: each shared target weighs by its rarity.
    weights = {target: 1 / math.log(2 + _in_degree(vault, target)) for target in targets}
    total = sum(weights.values())
    coupled: dict[str, list[str]] = {}
    for target, weight in weights.items():
        for other in index.linking(target):
            if other != path:
                scores[other] = scores.get(other, 0.0) + 0.5 * weight / total
                coupled.setdefault(other, []).append(target)
    # Linked from the same notes.
    cited: dict[str, list[str]] = {}
    for source in linking:
        for other in _targets(vault, source, _link_targets(vault, source)):
            if other != path:
                share = 0.5 / (len(linking) * math.log(2 + _out_degree(vault, source)))
                scores[other] = scores.get(other, 0.0) + share
                cited.setdefault(other, []).append(source)
    for other, shared_targets in coupled.items():
        reasons.setdefault(other, []).append(
            "links to the same notes: " + _names(vault, shared_targets)
        )
    for other, sources in cited.items():
        reasons.setdefault(other, []).append(
            "linked from the same notes: " + _names(vault, sources)
        )
    return _LinkParts({other: min(score, 1.0) for other, score in scores.items()}, reasons)


def _link_targets(vault: Vault, path: str) -> Iterable[str]:
    note = vault.index.notes.get(path)
    return (link.target for link in note.links) if note is not None else ()


def _targets(vault: Vault, path: str, targets: Iterable[str]) -> set[str]:
    """The notes these link targets (of the note at ``path``) lead to."""
    found = set()
    for target in targets:
        if target:
            resolved = vault.resolve(target, path).path
            if resolved is not None and resolved in vault.index.notes and resolved != path:
                found.add(resolved)
    return found


def _in_degree(vault: Vault, path: str) -> int:
    return len(vault.index.linked.get(_stem_key(path), ()))


def _out_degree(vault: Vault, path: str) -> int:
    note = vault.index.notes.get(path)
    return len(note.links) if note is not None else 0


def _stem_key(path: str) -> str:
    from blog_lsp.vault.index import link_name

    return link_name(path)


def _names(vault: Vault, paths: Iterable[str]) -> str:
    titles = sorted(vault.index.notes[path].title for path in paths if path in vault.index.notes)
    shown = ", ".join(titles[:WHY_NAMES])
    return shown + (f" and {len(titles) - WHY_NAMES} more" if len(titles) > WHY_NAMES else "")


# -- related notes -----------------------------------------------------------------------


def related_notes(
    vault: Vault, note: Note, limit: int = DEFAULT_LIMIT, weights: Weights = DEFAULT_WEIGHTS
) -> list[RelatedNote]:
    """The notes most related to ``note`` (fully parsed, as it is now), best first; at most
    ``limit``. Notes that share nothing with it are not listed."""
    index = vault.index
    relevance = index.relevance
    own_indexed = decode_terms(index.note_terms.get(note.path, ""))
    words, query = _word_scores(relevance, note_terms(note), own_indexed, note.path)
    tags, shared_tags, _ = _tag_scores(vault, note)
    links = _link_scores(vault, note)
    totals: dict[str, float] = {}
    parts = ((words, weights.words), (tags, weights.tags), (links.scores, weights.links))
    for part, weight in parts:
        for path, score in part.items():
            if weight and score:
                totals[path] = totals.get(path, 0.0) + weight * score
    totals.pop(note.path, None)
    best = heapq.nlargest(limit, totals.items(), key=lambda item: (item[1], item[0]))
    results = []
    for path, score in best:
        counts = decode_terms(index.note_terms.get(path, ""))
        norm = relevance.norm(sum(counts.values()))
        weighed = sorted(
            (
                (query[term] * term_weight(counts[term], norm), term)
                for term in query
                if term in counts
            ),
            reverse=True,
        )
        found = index.notes[path]
        results.append(
            RelatedNote(
                path,
                found.title,
                vault.link_text(path, note.path),
                score,
                tuple(term for _, term in weighed[:WHY_WORDS]),
                tuple(sorted(shared_tags.get(path, {}).values(), key=str.casefold)),
                tuple(links.reasons.get(path, ())),
            )
        )
    return results


# -- suggested tags ----------------------------------------------------------------------


def suggest_tags(
    vault: Vault,
    note: Note,
    limit: int = DEFAULT_LIMIT,
    related: Sequence[RelatedNote] | None = None,
) -> list[SuggestedTag]:
    """Tags that suit ``note`` and it does not have yet, best first, at most ``limit``: the
    tags of its related notes (each voting with its score), and the tags whose own words are
    among the note's most telling terms; from the vault, or from the settings'
    ``tag_vocabulary`` (which no note may use yet). ``related``: the note's related notes,
    best first, when they are known already (the first :data:`TAG_NEIGHBOURS` vote)."""
    index = vault.index
    settings = vault.settings
    present = {tag.name.casefold() for tag in note.tags} | {settings.blog_tag.casefold()}
    neighbours = (
        related_notes(vault, note, TAG_NEIGHBOURS)
        if related is None
        else list(related[:TAG_NEIGHBOURS])
    )
    votes: dict[str, float] = {}
    total = sum(found.score for found in neighbours) or 1.0
    for found in neighbours:
        other = index.notes.get(found.path)
        if other is None:
            continue
        for folded in {tag.name.casefold() for tag in other.tags}:
            votes[folded] = votes.get(folded, 0.0) + found.score / total
    strengths = _term_strengths(vault, note)
    candidates: dict[str, tuple[str, str]] = {}  # folded -> (spelling, source)
    for folded in index.tags:
        holders = index.tags[folded]
        if len(holders) - (note.path in holders) > 0:
            candidates[folded] = (_spelling(vault, folded), "vault")
    for tag in settings.tag_vocabulary:
        candidates.setdefault(tag.casefold(), (tag, "spec"))
    suggestions = []
    for folded, (spelling, source) in candidates.items():
        if folded in present:
            continue
        score = (1 - TAG_TEXT_WEIGHT) * votes.get(folded, 0.0) + TAG_TEXT_WEIGHT * _tag_text(
            spelling, strengths
        )
        if score > 0:
            suggestions.append(SuggestedTag(spelling, score, source))
    suggestions.sort(key=lambda found: (-found.score, found.tag.casefold()))
    return suggestions[:limit]


def _term_strengths(vault: Vault, note: Note) -> dict[str, float]:
    """The note's most telling terms, each with its weight over the heaviest (0-1)."""
    index = vault.index
    own = decode_terms(index.note_terms.get(note.path, ""))
    weighted = index.relevance.key_terms(note_terms(note), QUERY_TERMS * 2, own, unique=True)
    heaviest = max(weighted.values(), default=0.0)
    return {term: weight / heaviest for term, weight in weighted.items()} if heaviest else {}


def _tag_text(tag: str, strengths: Mapping[str, float]) -> float:
    """How strongly a tag's own words (fine-tuning: fine, tuning) stand among the note's
    telling terms: the mean of their strengths."""
    words = query_terms([tag.replace("-", " ").replace("/", " ").replace("_", " ")])
    if not words:
        return 0.0
    return sum(strengths.get(word, 0.0) for word in words) / len(words)


def _spelling(vault: Vault, folded: str) -> str:
    """A tag as most notes write it."""
    spellings = vault.index.tag_spellings.get(folded)
    return max(spellings.items(), key=lambda item: (item[1], item[0]))[0] if spellings else folded
