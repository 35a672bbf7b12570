"""Hover: a link shows the start of what it leads to (the note, heading or block), a tag how many
notes use it, and a finding its message."""

from __future__ import annotations

import posixpath

from lsprotocol import types

from blog_lsp.cursor.at_position import (
    LinkAt,
    TagAt,
    title_heading,
)
from blog_lsp.findings import Finding
from blog_lsp.server.requests import (
    Request,
    follow,
    never_fails,
    request,
)
from blog_lsp.server.server import BlogLanguageServer
from blog_lsp.text import Range
from blog_lsp.vault import backlinks
from blog_lsp.vault.model import BlockId, Heading, Link, Note

# How much of a linked note a hover shows.
HOVER_LINES = 6
HOVER_CHARACTERS = 600
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


def _excerpt(note: Note, anchor: Heading | BlockId | None) -> str:
    """The first lines of a note's body (after the frontmatter and an H1 that repeats the
    title), or of the section a heading starts, or the block's line."""
    assert note.text is not None and note.lines is not None
    lines = note.lines
    if isinstance(anchor, BlockId):
        line = anchor.range.start.line
        start = lines.line_start(line)
        text = note.text[start : start + anchor.range.start.character].rstrip()
        return text
    if isinstance(anchor, Heading):
        first = anchor.range.start.line + 1
    else:
        first = 0
        if note.frontmatter is not None:
            first = note.frontmatter.range.end.line + 1 if note.frontmatter.closed else 1
        title = title_heading(note) or next((h for h in note.headings if h.level == 1), None)
        if title is not None and title.range.start.line >= first:
            # Only when nothing but blank lines comes before it.
            between = note.text[lines.line_start(first) : lines.line_start(title.range.start.line)]
            if not between.strip():
                first = title.range.start.line + 1
    picked: list[str] = []
    size = 0
    for line in range(first, lines.line_count):
        text = note.text[lines.line_start(line) : lines.line_end(line)]
        if not picked and not text.strip():
            continue
        if isinstance(anchor, Heading) and text.lstrip().startswith("#"):
            heading = next((h for h in note.headings if h.range.start.line == line), None)
            if heading is not None and heading.level <= anchor.level:
                break  # the section ends at the next heading of its level
        picked.append(text)
        size += len(text)
        if len(picked) >= HOVER_LINES or size >= HOVER_CHARACTERS:
            break
    while picked and not picked[-1].strip():
        picked.pop()
    excerpt = "\n".join(picked)
    if len(excerpt) > HOVER_CHARACTERS:
        excerpt = excerpt[:HOVER_CHARACTERS].rstrip() + "…"
    # A code block cut off in the middle would swallow the rest of the hover.
    fences = sum(1 for line in picked if line.lstrip().startswith(("```", "~~~")))
    if fences % 2:
        excerpt += "\n```"
    return excerpt


def _hover_link(ls: BlogLanguageServer, found: Request, link: Link) -> str | None:
    target = follow(ls, found.located, found.note, link)
    if target is None:
        return None  # the 'link-unresolved' explanation says why
    vault = found.located.vault
    parts: list[str] = []
    if target.note is None:
        parts.append(f"**{posixpath.basename(target.path)}**: attachment `{target.path}`")
        if target.path.lower().endswith(IMAGE_SUFFIXES):
            uri = ls.uri_for(vault, target.path)
            parts.append(f"![{posixpath.basename(target.path)}]({uri.replace(' ', '%20')})")
    else:
        note = target.note
        parts.append(f"**{_escape(note.title)}** · `{note.path}`")
        description = note.frontmatter_value("description")
        if isinstance(description, str) and description.strip():
            parts.append(f"*{_escape(description.strip())}*")
        if note.aliases:
            parts.append("Also known as: " + ", ".join(_escape(a) for a in note.aliases))
        if link.subpath and target.anchor is None:
            parts.append(f"No heading or block '{_escape(link.subpath)}' in this note.")
        if note.text is not None:
            if isinstance(target.anchor, Heading):
                parts.append(f"**§ {_escape(target.anchor.text)}**")
            excerpt = _excerpt(note, target.anchor)
            if excerpt:
                parts.append(excerpt)
    if target.candidates[1:]:
        others = ", ".join(f"`{path}`" for path in target.candidates[1:4])
        parts.append(f"Also matches {others}: Obsidian opens `{target.path}`.")
    return "\n\n".join(parts)


def _hover_tag(found: Request, name: str) -> str:
    use = backlinks.tag_use(found.located.vault, name)
    text = f"**#{name}** — used in {_notes(use.notes)}"
    if use.nested:
        nested = ", ".join(f"#{tag} ({_notes(count)})" for tag, count in use.nested.items())
        text += f"\n\nNested tags, not counted here: {nested}"
    return text


def _notes(count: int) -> str:
    return f"{count} note" if count == 1 else f"{count} notes"


def _escape(text: str) -> str:
    """Text that Markdown shows as it is written."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def _findings_at(found: Request, findings: list[Finding]) -> list[tuple[Range, str]]:
    """The note's findings that cover the position, explained. Hover cannot see the
    diagnostics the editor shows: it takes the findings of this version's check."""
    from blog_lsp.rules import RULES

    assert found.position is not None
    explained: list[tuple[Range, str]] = []
    seen: set[str] = set()
    for item in findings:
        rule = RULES.get(item.code)
        if rule is None or item.code in seen or not item.range.contains(found.position):
            continue
        seen.add(item.code)
        explained.append((item.range, f"`{item.code}`: {rule.summary}"))
    return explained


def _jargon_at(found: Request, findings: list[Finding]) -> str | None:
    """The acronym of a ``jargon-undefined`` finding at the position, if any."""
    assert found.position is not None
    for item in findings:
        acronym = item.data.get("acronym")
        if item.code == "jargon-undefined" and item.range.contains(found.position):
            return acronym if isinstance(acronym, str) else None
    return None


async def _hover_jargon(ls: BlogLanguageServer, found: Request, acronym: str) -> str:
    """Where the vault spells the acronym out: each note, as a link, with its definition;
    read in a worker (a few notes at most)."""
    from blog_lsp.relevance.definitions import find_definitions
    from blog_lsp.server.backlinks import NoteReader

    vault = found.located.vault
    reader = NoteReader.capture(ls, vault)
    defined = await ls.run_in_worker(find_definitions, vault, acronym, reader.note, found.note.path)
    if not defined:
        scope = "the vault" if vault.index.complete else "the notes indexed so far"
        return f"No note in {scope} spells out **{_escape(acronym)}**."
    lines = [f"**{_escape(acronym)}** is spelled out in:"]
    for definition in defined:
        link = reader.uri(definition.path).replace(" ", "%20").replace(")", "%29")
        lines.append(f"- [{_escape(definition.title)}]({link}): “{_escape(definition.text)}”")
    return "\n".join(lines)


async def hover(ls: BlogLanguageServer, params: types.HoverParams) -> types.Hover | None:
    found = request(ls, params.text_document.uri, params.position)
    if found is None or found.position is None:
        return None
    thing = found.thing
    sections: list[str] = []
    where: Range | None = None
    if isinstance(thing, LinkAt):
        text = _hover_link(ls, found, thing.link)
        if text:
            sections.append(text)
            where = thing.link.range
    elif isinstance(thing, TagAt):
        sections.append(_hover_tag(found, thing.tag.name))
        where = thing.range
    checked = await ls.diagnostics.checked(found.located)
    explained = _findings_at(found, checked.findings)
    if explained:
        sections.append("\n\n".join(f"blog-lsp {text}" for _, text in explained))
        where = where or explained[0][0]
    jargon = _jargon_at(found, checked.findings)
    if jargon is not None:
        sections.append(await _hover_jargon(ls, found, jargon))
    if not sections or where is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(sections)
        ),
        range=ls.to_client_range(found.note, where),
    )


def register(server: BlogLanguageServer) -> None:
    server.feature(types.TEXT_DOCUMENT_HOVER)(never_fails(hover))
