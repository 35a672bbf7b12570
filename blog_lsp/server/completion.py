"""Completion: tags, wiki-links (notes, aliases, headings, blocks) and a draft's frontmatter.

Where the cursor stands is worked out by :mod:`blog_lsp.cursor.completion_context` from the
document's current text. Candidates come from the vault's index, never from parsing other
notes: the index keeps link names (ready for rapidfuzz) and tags in step with every change,
and a :class:`CompletionIndex` ranks them. During a first scan it answers from what is
indexed so far.

Every item replaces a range with a ``textEdit``: for links, from just after '[[' to the cursor
and over an auto-paired ']]' after it, so that accepting never doubles brackets; its
``filterText`` is the text the client compares with what is typed in that range.
"""

from __future__ import annotations

import datetime
import functools
import logging
import time
from collections.abc import Callable
from itertools import islice
from typing import TYPE_CHECKING

from lsprotocol import types

from blog_lsp.names import name_key, search_key
from blog_lsp.server.diagnostics import is_note_uri
from blog_lsp.server.server import BlogLanguageServer, Located

if TYPE_CHECKING:
    from blog_lsp.cursor.completion_context import (
        KeyContext,
        LinkContext,
        TagContext,
        ValueContext,
    )
    from blog_lsp.server.documents import Document
    from blog_lsp.server.vaults import VaultState
    from blog_lsp.settings import Settings
    from blog_lsp.vault.index import LinkName as LinkChoice
    from blog_lsp.vault.model import Note
    from blog_lsp.vault.vault import Vault

log = logging.getLogger(__name__)

MAX_ITEMS = 100
# '[' opens links, '#' tags and headings, '|' aliases, '^' blocks, '/' nested tags and
# folders; ',' and ' ' separate the items of a frontmatter list ('- ' in a block list) and
# start values ('status: '). Elsewhere these requests end at the context check, in well under
# a millisecond after the document's parse, which checks reuse.
TRIGGER_CHARACTERS = ["[", "#", "|", "^", "/", ",", " "]

# How many matches the fast first pass keeps for the finer ranking (among equal matches,
# the shorter names: the choices are in that order).
_POOL = 400
# How alike (0-100, rapidfuzz's partial ratio) a near miss must be to be offered.
_NEAR_MISS = 70
_KIND_ORDER = {"note": 0, "title": 1, "alias": 2, "attachment": 3}


# -- what completion keeps of a vault --------------------------------------------------


class NameLetters:
    """For each character, which names (by position) hold it, as a bit set in a Python int:
    the names that may hold a query's letters in order are the AND of its letters' sets,
    found in microseconds, where matching every one of 20,000 names takes milliseconds."""

    # With this many candidates or more, a match is found early among all names anyway.
    MANY = 4000

    def __init__(self, keys: list[str]) -> None:
        self.size = (len(keys) + 7) // 8
        positions: dict[str, list[int]] = {}
        for index, key in enumerate(keys):
            for character in set(key):
                positions.setdefault(character, []).append(index)
        self.bits: dict[str, int] = {}
        for character, found in positions.items():
            buffer = bytearray(self.size)
            for index in found:
                buffer[index >> 3] |= 1 << (index & 7)
            self.bits[character] = int.from_bytes(buffer, "little")

    def holding(self, query: str) -> list[int] | None:
        """Positions of the names holding every character of ``query``, in order; None
        when so many do that looking at all of them is as quick."""
        mask = -1
        for character in set(query):
            mask &= self.bits.get(character, 0)
            if not mask:
                return []
        if mask == -1 or mask.bit_count() >= self.MANY:
            return None
        found: list[int] = []
        for offset, byte in enumerate(mask.to_bytes(self.size, "little")):
            if byte:
                base = offset << 3
                found.extend(base + bit for bit in range(8) if byte >> bit & 1)
        return found


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
    ) -> None:
        self.vault = vault
        self.names_version = vault.index.names_version
        self._choices = choices
        # The link text of each path offered, kept while the names stay the same (which
        # names are ambiguous changes only with them).
        self.targets: dict[str, str] = targets if targets is not None else {}
        self._letters: dict[str, NameLetters] = letters if letters is not None else {}

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
        return index

    def current_for(self, vault: Vault) -> CompletionIndex:
        """This index with the vault's current tags and paths; the names list is kept when
        the names have not changed."""
        if vault.index.names_version != self.names_version:
            return CompletionIndex.build(vault)
        if vault is self.vault:
            return self
        return CompletionIndex(vault, self._choices, self.targets, self._letters)

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

    def rank_links(self, typed: str) -> tuple[list[LinkChoice], bool]:
        """The best link choices for what was typed, best first, and whether there were
        more than fit in one answer."""
        from blog_lsp.names import search_key

        choices, keys = self.choices()
        query = search_key(typed)
        if not query:
            return choices[:MAX_ITEMS], len(choices) > MAX_ITEMS
        ranked, more = rank_names(query, keys, self.letters())
        return [choices[position] for position in ranked], more


def rank_names(
    query: str, keys: list[str], letters: NameLetters, limit: int = MAX_ITEMS
) -> tuple[list[int], bool]:
    """Positions in ``keys`` (normalised names, the likelier first among equal ones; their
    :class:`NameLetters` given) of the best matches of ``query`` (normalised, not empty),
    best first, at most ``limit``; and whether there were more. What link completion and
    workspace symbols both rank by."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import LCSseq

    # First the names that hold the typed letters in order, as editors filter (a longest
    # common subsequence as long as the query): about a millisecond over 20,000 names,
    # where a fuzzy scorer over all of them takes five to ten.
    # Every name that passes scores the same (the query's length), so the first _POOL
    # in the keys' order are the ones a full sort would keep: stop there. Only the
    # names that hold every letter typed are looked at.
    candidates = letters.holding(query)
    subset = keys if candidates is None else [keys[i] for i in candidates]
    pool: list[tuple[str, float, int]] = list(
        islice(
            process.extract_iter(
                query,
                subset,
                scorer=LCSseq.similarity,  # type: ignore[arg-type]  # the stubs' overloads
                processor=None,
                score_cutoff=len(query),
            ),
            _POOL,
        )
    )
    if candidates is not None:
        pool = [(key, score, candidates[i]) for key, score, i in pool]
    more = len(pool) > limit
    if not pool:
        # Nothing has those letters in order: a typo. Fuzzy matching finds near misses
        # (which VS Code still shows, filtering "gracefully").
        pool = process.extract(
            query,
            keys,
            scorer=fuzz.partial_ratio,
            processor=None,
            limit=limit,
            score_cutoff=_NEAR_MISS,
        )
        more = True  # the next letter may mend the typo: ask again

    pool.sort(key=lambda hit: hit[2])  # among equal matches, the order of the keys
    order = closeness_order(query, [key for key, _, _ in pool])
    return [pool[i][2] for i in order[:limit]], more


# -- the request ---------------------------------------------------------------------


class CompletionProvider:
    """Answers completion requests; keeps the last :class:`CompletionIndex` of each vault
    (on the event loop: requests and index changes are both handled there)."""

    def __init__(self, ls: BlogLanguageServer) -> None:
        self.ls = ls
        self._indexes: dict[int, CompletionIndex] = {}  # by id of the VaultState
        self._warming: dict[int, int] = {}  # the names version being built for each state

    def index_changed(self, state: VaultState, kind: str) -> None:
        """After a scan, or when the names change (a note came, went or was renamed), put the
        names list and its letter sets together in a worker, so that the next '[[' finds them
        ready: on 100,000 notes they take most of a second, which a keystroke must not."""
        version = state.vault.index.names_version
        known = self._indexes.get(id(state))
        if kind != "scan" and known is not None and known.names_version == version:
            return
        if self._warming.get(id(state)) == version:
            return
        self._warming[id(state)] = version
        self.ls.spawn(self._warm(state, version), f"completion names {state.root}")

    async def _warm(self, state: VaultState, version: int) -> None:
        vault = state.vault
        try:
            built = await self.ls.run_in_worker(CompletionIndex.build_ready, vault)
        finally:
            if self._warming.get(id(state)) == version:
                del self._warming[id(state)]
        current = state.vault.index.names_version
        if built.names_version != current:
            # The names changed while it was built: build again (here it would be on the loop).
            self.index_changed(state, "names")
            return
        known = self._indexes.get(id(state))
        if known is None or known.names_version != current:
            self._indexes[id(state)] = built.current_for(state.vault)

    def index_for(self, state: VaultState) -> CompletionIndex:
        known = self._indexes.get(id(state))
        index = CompletionIndex.build(state.vault) if known is None else known
        index = index.current_for(state.vault)
        self._indexes[id(state)] = index
        return index

    def complete(
        self, ls: BlogLanguageServer, params: types.CompletionParams
    ) -> types.CompletionList | None:
        from blog_lsp.cursor import completion_context as contexts

        uri = params.text_document.uri
        # Only documents open in the editor: a request for anything else (a file that is
        # not there, not a note) has nothing to complete.
        document = ls.open_document(uri)
        if document is None or not is_note_uri(uri):
            return None
        located = ls.locate(uri)
        if located is None or located.text is None:
            return None
        offset = ls.converter.offset_from_client(document.text, document.lines, params.position)
        # Where the cursor stands is read from the raw text: most requests end here, and no
        # parse is needed for link names either.
        context = contexts.detect(document.text, offset)
        if context is None:
            return None
        request = _Request(ls, located, document, offset, lambda: self.index_for(located.state))
        if isinstance(context, contexts.LinkContext):
            return request.links(context)
        if isinstance(context, contexts.TagContext):
            return request.tags(context)
        if isinstance(context, contexts.KeyContext):
            return request.keys(context)
        return request.values(context)


class _Request:
    """One completion request: the document, the cursor, and (made when first needed) the
    document's full parse and the vault's completion index."""

    def __init__(
        self,
        ls: BlogLanguageServer,
        located: Located,
        document: Document,
        offset: int,
        index: Callable[[], CompletionIndex],
    ) -> None:
        self.ls = ls
        self.located = located
        self.document = document
        self.offset = offset
        self._make_index = index

    @functools.cached_property
    def index(self) -> CompletionIndex:
        return self._make_index()

    @functools.cached_property
    def note(self) -> Note:
        """The current text's full parse."""
        return self.ls.parsed_note(self.located)

    @property
    def vault(self) -> Vault:
        return self.located.vault

    @property
    def settings(self) -> Settings:
        return self.located.vault.settings

    def edit_range(self, start: int, end: int) -> types.Range:
        document = self.document
        where = document.lines.range(start, end)
        return self.ls.converter.range_to_client(document.text, document.lines, where)

    @property
    def snippets(self) -> bool:
        return self.ls.client.snippets

    # -- wiki-links ------------------------------------------------------------------

    def links(self, context: LinkContext) -> types.CompletionList:
        where = self.edit_range(context.start, context.end)
        if context.alias is not None:
            items = self._display_texts(context, where)
            return types.CompletionList(is_incomplete=False, items=items)
        if context.subpath is not None:
            items = self._subpaths(context, where)
            return types.CompletionList(
                is_incomplete=len(items) > MAX_ITEMS, items=items[:MAX_ITEMS]
            )
        index = self.index
        if "/" in context.target:
            ranked, more = self._by_path(index, context.target)
        else:
            ranked, more = index.rank_links(context.target)
        items = [
            self._link_item(choice, context, where, rank) for rank, choice in enumerate(ranked)
        ]
        return types.CompletionList(is_incomplete=more, items=items)

    def _by_path(self, index: CompletionIndex, typed: str) -> tuple[list[LinkChoice], bool]:
        """Notes and attachments whose path holds what was typed (a folder and a name)."""
        wanted = name_key(typed).lstrip("/")
        found = [
            (not linkable.startswith(wanted), len(path), path)
            for path in index.paths()
            if wanted in (linkable := name_key(_without_suffix(path)))
        ]
        found.sort()
        from blog_lsp.vault.index import LinkName

        chosen = [LinkName(_without_suffix(path), path, "path") for _, _, path in found[:MAX_ITEMS]]
        return chosen, len(found) > MAX_ITEMS

    def _link_item(
        self, choice: LinkChoice, context: LinkContext, where: types.Range, rank: int
    ) -> types.CompletionItem:
        target = _without_suffix(choice.path) if choice.kind == "path" else self._target(choice)
        note_path = choice.path.rsplit("/", 1)
        if choice.kind in ("title", "alias"):
            detail = f"{choice.kind} of {_without_suffix(note_path[-1])}"
            kind = types.CompletionItemKind.Reference
            # [[Note|Alias]]; only the note's name when the link already goes on ('#', '|').
            text = f"{target}|{choice.label}]]" if context.closing else target
        else:
            detail = note_path[0] if len(note_path) > 1 else "vault root"
            kind = types.CompletionItemKind.File
            text = target + context.closing
        return types.CompletionItem(
            label=choice.label,
            kind=kind,
            detail=detail,
            filter_text=choice.label,
            sort_text=f"{rank:04d}",
            text_edit=types.TextEdit(range=where, new_text=text),
        )

    def _target(self, choice: LinkChoice) -> str:
        """The shortest link text that leads to the choice's file alone: its name, or as
        much of its folder path as it takes to tell it from files with the same name."""
        known = self.index.targets.get(choice.path)
        if known is not None:
            return known
        base = _without_suffix(choice.path) if choice.kind != "attachment" else choice.path
        parts = base.split("/")
        target = base
        for depth in range(1, len(parts) + 1):
            candidate = "/".join(parts[-depth:])
            resolution = self.vault.resolve(candidate, self.located.relative)
            if resolution.candidates == (choice.path,):
                target = candidate
                break
        self.index.targets[choice.path] = target
        return target

    def _target_note(self, target: str) -> Note | None:
        """The note a link's target names: this document (its unsaved text) for an empty
        target or its own name, else the index's copy (an open note's unsaved text too)."""
        if not target.strip():
            return self.note
        path = self.vault.resolve(target, self.located.relative).path
        if path is None:
            return None
        if path == self.located.relative:
            return self.note
        return self.vault.notes.get(path)

    def _subpaths(self, context: LinkContext, where: types.Range) -> list[types.CompletionItem]:
        """After '#': the target note's headings, or after '#^' its block ids."""
        from blog_lsp.cursor.completion_context import link_heading

        assert context.subpath is not None
        target_note = self._target_note(context.target)
        if target_note is None:
            return []
        owner = "this note" if target_note is self.note else target_note.stem
        # (label, text in the link, detail, documentation) for each heading or block
        entries: list[tuple[str, str, str, str | None]]
        if context.subpath.startswith("^"):
            query = context.subpath[1:]
            lines = self._lines_of(target_note) if target_note.block_ids else []
            entries = []
            for block in target_note.block_ids:
                marker = f"^{block.id}"
                line = block.range.start.line
                shown = lines[line].replace(marker, "").strip() if line < len(lines) else ""
                entries.append((marker, marker, f"block in {owner}", shown or None))
        else:
            query = context.subpath
            entries = [
                (heading.text, linked, f"{'#' * heading.level} heading in {owner}", None)
                for heading in target_note.headings
                if (linked := link_heading(heading.text))
            ]
        order = list(range(len(entries)))
        wanted = search_key(query)
        if wanted:  # best matches first, else in the note's order
            order = closeness_order(wanted, [search_key(entry[1]) for entry in entries])
        head = context.target + "#"
        return [
            types.CompletionItem(
                label=label,
                kind=types.CompletionItemKind.Reference,
                detail=detail,
                documentation=documentation,
                filter_text=head + linked,
                sort_text=f"{rank:04d}",
                text_edit=types.TextEdit(range=where, new_text=head + linked + context.closing),
            )
            for rank, (label, linked, detail, documentation) in (
                (rank, entries[position]) for rank, position in enumerate(order)
            )
        ]

    def _lines_of(self, target_note: Note) -> list[str]:
        """The lines of the note whose blocks are offered, to show each block's text: one
        file read (none for an open note), only for block completion."""
        from blog_lsp.text import split_lines

        text = target_note.text
        if text is None:
            text = self.ls.note_text(self.vault, target_note.path)
        return split_lines(text) if text is not None else []

    def _display_texts(
        self, context: LinkContext, where: types.Range
    ) -> list[types.CompletionItem]:
        """After '|': the target note's aliases and title, as the link's display text."""
        target_note = self._target_note(context.target)
        if target_note is None or (target_note is self.note and not context.target.strip()):
            return []
        head = context.typed[: len(context.typed) - len(context.alias or "")]
        items = []
        from blog_lsp.vault.index import link_names

        for rank, choice in enumerate(link_names(target_note)[1:]):
            items.append(
                types.CompletionItem(
                    label=choice.label,
                    kind=types.CompletionItemKind.Reference,
                    detail=f"{choice.kind} of {target_note.stem}",
                    filter_text=head + choice.label,
                    sort_text=f"{rank:04d}",
                    text_edit=types.TextEdit(
                        range=where, new_text=head + choice.label + context.closing
                    ),
                )
            )
        return items

    # -- tags ------------------------------------------------------------------------

    def tags(self, context: TagContext) -> types.CompletionList:
        from blog_lsp.drafting.yaml_text import yaml_scalar

        index = self.index
        counts = dict(index.tag_notes)
        self._discount_tag_being_typed(context, index, counts)
        candidates: dict[str, tuple[str, int, int]] = {}  # folded -> (name, notes, order)
        for folded, notes in counts.items():
            if notes > 0:
                candidates[folded] = (index.spelling(folded), notes, 0)
        for order, name in enumerate(self.settings.tag_vocabulary, 1):
            candidates.setdefault(name.casefold(), (name, 0, order))
        typed = context.typed.casefold()
        ranked = []
        for folded, (name, notes, order) in candidates.items():
            if folded in context.listed:
                continue
            if folded.startswith(typed):
                group = 0
            elif any(part.startswith(typed) for part in folded.split("/")[1:]):
                group = 1
            elif typed in folded:
                group = 2
            else:
                continue
            ranked.append(((group, -notes, order, folded), name, notes))
        ranked.sort()
        where = self.edit_range(context.start, context.end)
        items = []
        for rank, (_, name, notes) in enumerate(ranked[:MAX_ITEMS]):
            if context.quoted or context.place in ("inline", "string"):
                text = name
            else:
                text = yaml_scalar(name, flow=context.place == "flow")
            if notes:
                detail = f"used in {notes} note{'' if notes == 1 else 's'}"
            else:
                detail = "suggested tag, not used yet"
            items.append(
                types.CompletionItem(
                    label=name,
                    kind=types.CompletionItemKind.Keyword,
                    detail=detail,
                    filter_text=name,
                    sort_text=f"{rank:04d}",
                    text_edit=types.TextEdit(range=where, new_text=text),
                )
            )
        return types.CompletionList(is_incomplete=len(ranked) > MAX_ITEMS, items=items)

    def _discount_tag_being_typed(
        self, context: TagContext, index: CompletionIndex, counts: dict[str, int]
    ) -> None:
        """The index already holds this document with the half-typed tag: do not count this
        note as a use of it, unless the tag also stands elsewhere in the note."""
        assert self.note.text is not None and self.note.lines is not None
        folded = self.note.text[context.start : context.end].casefold()
        if folded not in index.note_tags(self.located.relative) or folded not in counts:
            return
        cursor = self.note.lines.position(self.offset)
        elsewhere = any(
            tag.name.casefold() == folded and not tag.range.contains(cursor)
            for tag in self.note.tags
        )
        if not elsewhere:
            counts[folded] -= 1

    # -- frontmatter -----------------------------------------------------------------

    def keys(self, context: KeyContext) -> types.CompletionList | None:
        from blog_lsp.drafting.yaml_text import yaml_scalar

        declared = (context.declared_type or "").casefold() == "blog"
        if not (declared or self.vault.is_draft(self.note)):
            return None  # only drafts have required fields
        missing = [key for key in self.settings.required_fields if key not in context.present]
        where = self.edit_range(context.start, context.end)
        snippets = self.snippets
        today = datetime.date.today().isoformat()
        status = "draft" if "draft" in self.settings.status_values else ""
        if not status and self.settings.status_values:
            status = self.settings.status_values[0]
        values = {
            "type": "Blog",
            "title": yaml_scalar(self.note.stem),
            "date": f"'{today}'",
            "tags": f"[{self.settings.blog_tag}]",
            "status": status,
        }
        items = []
        for rank, key in enumerate(missing):
            value = values.get(key, "")
            plain = f"{key}: {value}"
            if not snippets:
                text = plain
            elif key == "date":
                text = f"{key}: '${{1:{today}}}'"
            elif key == "tags":
                text = f"{key}: [{_escape_snippet(self.settings.blog_tag)}$1]"
            elif value:
                text = f"{key}: ${{1:{_escape_snippet(value)}}}"
            else:
                text = f"{key}: $1"
            items.append(
                types.CompletionItem(
                    label=key,
                    kind=types.CompletionItemKind.Property,
                    detail=plain.rstrip(),
                    documentation="A field every blog draft needs.",
                    filter_text=key,
                    sort_text=f"{rank:04d}",
                    insert_text_format=(
                        types.InsertTextFormat.Snippet
                        if snippets
                        else types.InsertTextFormat.PlainText
                    ),
                    text_edit=types.TextEdit(range=where, new_text=text),
                )
            )
        return types.CompletionList(is_incomplete=False, items=items)

    def values(self, context: ValueContext) -> types.CompletionList:
        from blog_lsp.drafting.yaml_text import yaml_scalar

        where = self.edit_range(context.start, context.end)
        if context.key == "date":
            today = datetime.date.today().isoformat()
            quoted = context.typed[:1] in ("'", '"')
            choices = [(today, f"'{today}'", f"'{today}'" if quoted else today)]
            detail = "today"
        else:
            names = ["Blog"] if context.key == "type" else list(self.settings.status_values)
            choices = [(name, yaml_scalar(name), name) for name in names]
            detail = f"a {context.key} for blog drafts"
        items = [
            types.CompletionItem(
                label=label,
                kind=types.CompletionItemKind.Value,
                detail=detail,
                filter_text=filter_text,
                sort_text=f"{rank:04d}",
                text_edit=types.TextEdit(range=where, new_text=text),
            )
            for rank, (label, text, filter_text) in enumerate(choices)
        ]
        return types.CompletionList(is_incomplete=False, items=items)


def closeness_order(query: str, keys: list[str]) -> list[int]:
    """The positions of ``keys`` (normalised names), best match of ``query`` first:
    rapidfuzz's weighted ratio, then a name that starts with the query, then one with a word
    that does, then the closer in length, then the order given. The scores are computed in
    rapidfuzz's C loops, a whole list at a time (one call a name cost ten times as much)."""
    from rapidfuzz import fuzz, process

    weighted = [0.0] * len(keys)
    for _, score, position in process.extract(
        query, keys, scorer=fuzz.WRatio, processor=None, limit=None
    ):
        weighted[position] = score
    plain = [0.0] * len(keys)
    for _, score, position in process.extract(
        query, keys, scorer=fuzz.ratio, processor=None, limit=None
    ):
        plain[position] = score
    spaced = f" {query}"
    return sorted(
        range(len(keys)),
        key=lambda i: (
            -round(weighted[i]),
            not keys[i].startswith(query),
            spaced not in f" {keys[i]}",
            -plain[i],
            i,
        ),
    )


def _without_suffix(path: str) -> str:
    return path[:-3] if path.lower().endswith(".md") else path


def _escape_snippet(text: str) -> str:
    """Text as a snippet shows it: '$', '}' and '\\' escaped."""
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")


def register(server: BlogLanguageServer) -> None:
    provider = CompletionProvider(server)
    server.index_listeners.append(provider.index_changed)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=TRIGGER_CHARACTERS, resolve_provider=False),
    )
    def completion(
        ls: BlogLanguageServer, params: types.CompletionParams
    ) -> types.CompletionList | None:
        started = time.perf_counter()
        try:
            result = provider.complete(ls, params)
        except Exception:
            # Completion must never get in the way of typing: log, and offer nothing.
            log.exception("completion failed at %s", params.position)
            return None
        log.debug(
            "completion: %d items in %.2f ms",
            len(result.items) if result is not None else 0,
            (time.perf_counter() - started) * 1000,
        )
        return result
