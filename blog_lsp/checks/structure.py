"""The structure rules of a blog draft: one H1 equal to the title, an Introduction, 2 to 4
main sections, a Conclusion and a Related footer. A missing line comes with a fix that adds it
where it belongs; a heading that is nearly the title, with one that makes it the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blog_lsp.checks.common import frontmatter_title, loose
from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.drafting.template import heading_text
from blog_lsp.findings import Finding, Fix
from blog_lsp.text import START, Range
from blog_lsp.vault.model import Heading, Note


def _body_line(note: Note) -> int:
    front = note.frontmatter
    if front is None:
        return 0
    return front.range.end.line + 1 if front.closed else 1


_NON_BLANK = re.compile(r"\S")


def _body_start_range(note: Note) -> Range:
    """The first non-blank line of the body: where to report something the body lacks."""
    line = _body_line(note)
    if note.text is None or note.lines is None:
        return Range.on_line(line, 0, 0)
    if line >= note.lines.line_count:
        # No body, not even a line break after the closing '---': report on that last line
        # rather than on a line the document does not have.
        return _last_line_range(note)
    found = _NON_BLANK.search(note.text, note.lines.line_start(line))
    if found is None:
        return Range.on_line(line, 0, 0)
    line = note.lines.position(found.start()).line
    return Range.on_line(line, 0, note.lines.line_end(line) - note.lines.line_start(line))


def _last_line_range(note: Note) -> Range:
    if note.text is None or note.lines is None:
        return START
    end = len(note.text.rstrip())
    line = note.lines.position(end).line
    return Range.on_line(line, 0, note.lines.line_end(line) - note.lines.line_start(line))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_NUMBERING = re.compile(r"^\d+[.)]?\s+")


def _plain_heading(text: str) -> str:
    return " ".join(_ESCAPE.sub(r"\1", text).split())


def _section_name(heading: Heading) -> str:
    name = _NUMBERING.sub("", _plain_heading(heading.text).casefold())
    return name.rstrip(":. ")


def _sections(note: Note) -> list[Heading]:
    return [heading for heading in note.headings if heading.level == 2]


def _is_introduction(heading: Heading) -> bool:
    return _section_name(heading) == "introduction"


def _is_conclusion(heading: Heading) -> bool:
    return _section_name(heading) in ("conclusion", "conclusions")


@makes("structure-h1")
def check_h1(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    title = frontmatter_title(note)
    h1s = [heading for heading in note.headings if heading.level == 1]
    if not h1s:
        wanted = f"# {heading_text(title or note.stem)}"
        yield finding(
            "structure-h1",
            _body_start_range(note),
            f"The draft has no H1 heading: start the body with '{wanted}'.",
            Fix.insert(f"Add '{wanted}'", _body_line(note), wanted),
        )
        return
    for extra in h1s[1:]:
        section = f"## {extra.text}"
        yield finding(
            "structure-h1",
            extra.range,
            f"The draft has more than one H1 heading: make '{extra.text}' a section (##).",
            Fix.replace(f"Change to '{section}'", extra.range, section),
        )
    first = h1s[0]
    if title is None or _plain_heading(first.text) == " ".join(title.split()):
        return
    # Same words, different case or punctuation: the title is meant, so the fix is certain.
    certain = loose(first.text) == loose(title) and bool(first.text)
    where = first.text_range if first.text else first.range
    wanted = heading_text(title)
    if certain:
        fix: Fix | None = Fix.replace(f"Change the heading to '{wanted}'", where, wanted, safe=True)
    else:
        fix = Fix.replace(f"Change to '{wanted}'", where, wanted) if wanted.strip() else None
    yield finding(
        "structure-h1",
        where,
        f"The H1 heading '{first.text}' differs from the title '{title}'.",
        fix,
        title=title,
    )


@makes("structure-introduction")
def check_introduction(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    sections = _sections(note)
    if sections and _is_introduction(sections[0]):
        return
    if not sections:
        # Where it would go (after the opening paragraphs?) is the writer's choice.
        where, message = _body_start_range(note), "The draft has no '## Introduction' section."
        fix = None
    else:
        where = sections[0].range
        message = (
            f"The first section is '{sections[0].text}'; a draft opens with '## Introduction'."
        )
        fix = Fix.insert("Add '## Introduction'", sections[0].range.start.line, "## Introduction")
    yield finding("structure-introduction", where, message, fix)


@makes("structure-conclusion")
def check_conclusion(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    sections = _sections(note)
    if sections and _is_conclusion(sections[-1]):
        return
    if not sections:
        where, message = _body_start_range(note), "The draft has no '## Conclusion' section."
    else:
        where = sections[-1].range
        message = f"The last section is '{sections[-1].text}'; a draft ends with '## Conclusion'."
    # Where the conclusion starts is the writer's choice: no fix.
    yield finding("structure-conclusion", where, message)


@makes("structure-sections")
def check_sections(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    sections = _sections(note)
    # Counted from the Introduction: without it, which heading opens the draft is a guess
    # (and the Introduction check already says so). Without a Conclusion, to the end.
    if not sections or not _is_introduction(sections[0]):
        return
    end = len(sections) - 1 if len(sections) > 1 and _is_conclusion(sections[-1]) else None
    main = sections[1:end]
    count = len(main)
    if 2 <= count <= 4:
        return
    if count > 4:
        where = main[4].range
        advice = "merge or cut some"
    else:
        where = sections[-1].range
        advice = "add a section" if count == 1 else "add sections"
    yield finding(
        "structure-sections",
        where,
        f"The draft has {_plural(count, 'main section')} between Introduction and "
        f"Conclusion; the guide asks for 2 to 4: {advice}.",
        count=count,
    )


_RELATED = re.compile(
    r"[ \t>]*[*_]{0,3}related(?:[ \t]+(?:notes|posts|reading|links))?"
    r"(?:[*_]{0,3}[ \t]*:|[ \t]*:[*_]{0,3})",
    re.IGNORECASE,
)


def _last_related_line(prose: str, body_start: int) -> int | None:
    """The offset of the last line that starts a Related footer, searching back from the end
    (the footer is near the end, and a regex over the whole draft would be slower)."""
    position = len(prose)
    while True:
        # "elated" finds "Related" and "related" alike.
        position = prose.rfind("elated", body_start, position)
        if position <= body_start:
            return None
        line_start = prose.rfind("\n", 0, position) + 1
        if line_start >= body_start and _RELATED.match(prose, line_start):
            return line_start
        position -= 1


@makes("structure-related")
def check_related(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.prose is None or note.lines is None or not context.vault.is_draft(note):
        return
    body_start = note.lines.line_start(min(_body_line(note), note.lines.line_count - 1))
    start = _last_related_line(note.prose, body_start)
    if start is None:
        yield finding(
            "structure-related",
            _last_line_range(note),
            "The draft has no '**Related**:' line: end it with wiki-links to related notes, "
            "like '**Related**: [[Note]] | [[Other note]]'.",
            Fix.insert("Add '**Related**:'", note.lines.line_count, "**Related**: "),
        )
        return
    line = note.lines.position(start).line
    where = Range.on_line(line, 0, note.lines.line_end(line) - note.lines.line_start(line))
    sections = _sections(note)
    if sections and sections[-1].range.start.line > line:
        yield finding(
            "structure-related",
            where,
            f"The Related line comes before the section '{sections[-1].text}': "
            "move it to the end of the draft.",
        )
        return
    if not any(
        link.range.start.line == line and not link.markdown and not link.embed
        for link in note.links
    ):
        yield finding(
            "structure-related",
            where,
            "The Related line links no notes: add at least one wiki-link, like [[Note]].",
        )


CHECKS = [
    check_h1,
    check_introduction,
    check_conclusion,
    check_sections,
    check_related,
]
