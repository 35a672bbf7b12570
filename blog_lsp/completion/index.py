"""What completion keeps of a vault: its link names as one ranked list, and its tags."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from itertools import islice
from typing import TYPE_CHECKING

from blog_lsp.completion.ranking import MAX_ITEMS, NameLetters, rank_names
from blog_lsp.names import name_key, search_key
from blog_lsp.vault.model import NOTE_SUFFIX

if TYPE_CHECKING:
    from blog_lsp.vault.index import LinkName as LinkChoice
    from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)

_KIND_ORDER = {"note": 0, "title": 1, "alias": 2, "attachment": 3}


class CompletionIndex:
    """What completion asks of one vault value: its link names as one list, ranked for
    rapidfuzz (notes first, shorter names first: among equal matches the likelier one wins),
    and its tags with the number of notes using each.

    Everything comes from the vault's index, which keeps names and tags in step with every
    change; the list is put together once for each version of the names (a name, title or
    alias changed, a file came or went), not on every keystroke.
    """

    def __init__(
        self,
        vault: Vault,
        choices: tuple[list[LinkChoice], list[str]],
        targets: dict[str, str] | None = None,
        letters: dict[str, NameLetters] | None = None,
        positions: dict[str, dict[str, list[int]]] | None = None,
    ) -> None:
        self.vault = vault
        self.names_version = vault.index.names_version
        self._choices = choices
        # The link text of each path offered, kept while the names stay the same (which
        # names are ambiguous changes only with them).
        self.targets: dict[str, str] = targets if targets is not None else {}
        self._letters: dict[str, NameLetters] = letters if letters is not None else {}
        self._positions: dict[str, dict[str, list[int]]] = (
            positions if positions is not None else {}
        )

    @classmethod
    def build(cls, vault: Vault) -> CompletionIndex:
        """Put the list together (in a worker after a scan, or on the loop when needed)."""
        from blog_lsp.vault.index import LinkName

        index = vault.index
        choices = [choice for names in index.names.values() for choice in names]
        for path in index.attachments:
            name = path.rsplit("/", 1)[-1]
            choices.append(LinkName(name, path, "attachment", search_key(name)))
        # A number for a key: sorting 20,000 tuples took as long as a whole request.
        choices.sort(key=lambda c: _KIND_ORDER[c.kind] * 100_000 + len(c.label))
        log.debug("completion: %d link choices", len(choices))
        return cls(vault, (choices, [choice.key for choice in choices]))

    @classmethod
    def build_ready(cls, vault: Vault) -> CompletionIndex:
        """:meth:`build`, with the letter sets made too (in a worker)."""
        index = cls.build(vault)
        index.letters()
        index.positions()
        return index

    def current_for(self, vault: Vault) -> CompletionIndex:
        """This index with the vault's current tags and paths; the names list is kept when
        the names have not changed."""
        if vault.index.names_version != self.names_version:
            return CompletionIndex.build(vault)
        if vault is self.vault:
            return self
        return CompletionIndex(vault, self._choices, self.targets, self._letters, self._positions)

    @property
    def tag_notes(self) -> dict[str, int]:
        """Casefolded tag -> how many notes use it."""
        return {folded: len(paths) for folded, paths in self.vault.index.tags.items()}

    def spelling(self, folded: str) -> str:
        """A tag as most notes write it."""
        spellings = self.vault.index.tag_spellings.get(folded)
        return max(spellings.items(), key=lambda item: item[1])[0] if spellings else folded

    def note_tags(self, relative: str) -> dict[str, str]:
        note = self.vault.index.notes.get(relative)
        return {tag.name.casefold(): tag.name for tag in note.tags} if note else {}

    def choices(self) -> tuple[list[LinkChoice], list[str]]:
        return self._choices

    def letters(self) -> NameLetters:
        """Which names hold each character (made once for each version of the names)."""
        letters = self._letters.get("letters")
        if letters is None:
            letters = self._letters["letters"] = NameLetters(self._choices[1])
        return letters

    def paths(self) -> list[str]:
        return [*self.vault.index.notes, *self.vault.index.attachments]

    def positions(self) -> dict[str, list[int]]:
        """Each path's places in the choices (its name, title, aliases), made once for each
        version of the names."""
        positions = self._positions.get("positions")
        if positions is None:
            positions = self._positions["positions"] = {}
            for position, choice in enumerate(self._choices[0]):
                positions.setdefault(choice.path, []).append(position)
        return positions

    def rank_links(
        self, typed: str, related: Mapping[str, int] | None = None
    ) -> tuple[list[LinkChoice], bool]:
        """The best link choices for what was typed, best first, and whether there were
        more than fit in one answer. ``related``: note paths -> their rank (0 first), the
        notes that come first among equal matches (and first of all when nothing is typed)."""
        from blog_lsp.names import search_key

        choices, keys = self.choices()
        query = search_key(typed)
        related = related or {}
        preferred: dict[int, int] = {}
        positions = self.positions() if related else {}
        for path, rank in related.items():
            for position in positions.get(path, ()):
                preferred[position] = rank
        if not query:
            # Each related note once, by its name (its first choice: names come first).
            ranked_paths = sorted((p for p in related if p in positions), key=related.__getitem__)
            first = [positions[path][0] for path in ranked_paths]
            shown = set(first)
            rest = (position for position in range(len(choices)) if position not in shown)
            picked = [*first, *islice(rest, MAX_ITEMS)][:MAX_ITEMS]
            return [choices[position] for position in picked], len(choices) > MAX_ITEMS
        ranked, more = rank_names(query, keys, self.letters(), preferred=preferred)
        return [choices[position] for position in ranked], more

    def paths_matching(self, typed: str) -> tuple[list[LinkChoice], bool]:
        """Notes and attachments whose path holds what was typed (a folder and a name), and
        whether there were more than fit in one answer."""
        wanted = name_key(typed).lstrip("/")
        found = [
            (not linkable.startswith(wanted), len(path), path)
            for path in self.paths()
            if wanted in (linkable := name_key(without_suffix(path)))
        ]
        found.sort()
        from blog_lsp.vault.index import LinkName

        chosen = [LinkName(without_suffix(path), path, "path") for _, _, path in found[:MAX_ITEMS]]
        return chosen, len(found) > MAX_ITEMS

    def link_text(self, choice: LinkChoice, vault: Vault, relative: str) -> str:
        """The shortest link text in the note at ``relative`` that leads to the choice's file
        alone: its name, or as much of its folder path as it takes to tell it from files with
        the same name."""
        known = self.targets.get(choice.path)
        if known is not None:
            return known
        base = without_suffix(choice.path) if choice.kind != "attachment" else choice.path
        parts = base.split("/")
        target = base
        for depth in range(1, len(parts) + 1):
            candidate = "/".join(parts[-depth:])
            resolution = vault.resolve(candidate, relative)
            if resolution.candidates == (choice.path,):
                target = candidate
                break
        self.targets[choice.path] = target
        return target


def without_suffix(path: str) -> str:
    return path[: -len(NOTE_SUFFIX)] if path.lower().endswith(NOTE_SUFFIX) else path
