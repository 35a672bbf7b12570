"""Link checks for every note: unresolved notes, headings and blocks; ambiguous targets."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.findings import Finding
from blog_lsp.vault.model import NOTE_SUFFIX, Link, Note


def names_a_file(link: Link) -> bool:
    """Whether a Markdown link's target is meant as a file of the vault: a note (.md) or a
    relative path with an extension (img/chart.png). A site path such as /python is not."""
    target = link.target
    if target.lower().endswith(NOTE_SUFFIX):
        return True
    extension = posixpath.splitext(target.rsplit("/", 1)[-1])[1]
    return not target.startswith("/") and len(extension) > 1


def _unresolved_message(link: Link) -> str:
    if link.markdown:
        return f"No file '{link.target}' in the vault."
    return f"No note called '{link.target}' in the vault."


@makes("link-unresolved", "link-ambiguous", "link-heading-unresolved")
def check_links(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault_ready:
        return
    vault = context.vault
    for link in note.links:
        if link.markdown and not link.target and link.subpath is None:
            continue
        resolution = vault.resolve(link.target, note.path)
        if resolution.path is None:
            if link.markdown and not names_a_file(link):
                continue  # a page of the site the note is published on, not a vault file
            yield finding(
                "link-unresolved",
                link.target_range,
                _unresolved_message(link),
                target=link.target,
            )
            continue
        if resolution.ambiguous:
            others = ", ".join(resolution.candidates[1:4])
            yield finding(
                "link-ambiguous",
                link.target_range,
                f"'{link.target}' matches {len(resolution.candidates)} notes; Obsidian opens "
                f"'{resolution.path}' (also: {others}). Add a folder to choose one.",
                target=link.target,
                candidates=list(resolution.candidates),
            )
        if not link.subpath:
            continue
        # The note being checked may hold unsaved text: use it rather than the index copy.
        target_note = note if resolution.path == note.path else vault.notes.get(resolution.path)
        if target_note is None:  # an attachment: '#page=3' and the like are not headings
            continue
        if vault.find_subpath(target_note, link.subpath) is None:
            kind = "block" if link.is_block else "heading"
            yield finding(
                "link-heading-unresolved",
                link.subpath_range or link.range,
                f"'{target_note.stem}' has no {kind} '{link.subpath}'.",
                target=resolution.path,
                subpath=link.subpath,
            )


CHECKS = [check_links]
