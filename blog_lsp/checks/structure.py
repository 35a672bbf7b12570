"""The structure rules of a blog draft: one H1 equal to the title, an Introduction of at most
3 paragraphs, 2 to 4 main sections, a Conclusion of at most 2 with a list of 3 to 5 takeaways,
a Related footer and a Tags footer that agrees with the frontmatter. A missing line comes with
a fix that adds it where it belongs; a heading that is nearly the title, with one that makes it
the title; a Tags line, with one that writes it from the frontmatter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from blog_lsp.checks.blocks import Block, section_blocks
from blog_lsp.checks.common import body_line, frontmatter_title, judged_frontmatter, loose
from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.drafting.template import heading_text
from blog_lsp.findings import Finding, Fix
from blog_lsp.text import START, LineIndex, Range
from blog_lsp.vault.model import Heading, Note

_NON_BLANK = re.compile(r"\S")


def _body_start_range(note: Note) -> Range:
    """The first non-blank line of the body: where to report something the body lacks."""
    line = body_line(note)
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
    return _whole_line(note.lines, line)


def _whole_line(lines: LineIndex, line: int) -> Range:
    return Range.on_line(line, 0, lines.line_end(line) - lines.line_start(line))


def _last_line_range(note: Note) -> Range:
    if note.text is None or note.lines is None:
        return START
    end = len(note.text.rstrip())
    line = note.lines.position(end).line
    return _whole_line(note.lines, line)


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
            Fix.insert(f"Add '{wanted}'", body_line(note), wanted),
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


RELATED_LABEL = re.compile(
    r"[ \t>]*[*_]{0,3}related(?:[ \t]+(?:notes|posts|reading|links))?"
    r"(?:[*_]{0,3}[ \t]*:|[ \t]*:[*_]{0,3})",
    re.IGNORECASE,
)


TAGS_LABEL = re.compile(
    r"[ \t>]*(?P<label>[*_]{0,3}tags(?:[*_]{0,3}[ \t]*:|[ \t]*:[*_]{0,3}))", re.IGNORECASE
)


def _last_footer_line(
    prose: str, body_start: int, label: re.Pattern[str], needle: str
) -> int | None:
    """The offset of the last line that starts a footer line (``label``), searching back from
    the end for ``needle`` (the footer is near the end, and a regex over the whole draft would
    be slower). The needle leaves out the first letter, so that it finds both cases."""
    position = len(prose)
    while True:
        position = prose.rfind(needle, body_start, position)
        if position <= body_start:
            return None
        line_start = prose.rfind("\n", 0, position) + 1
        if line_start >= body_start and label.match(prose, line_start):
            return line_start
        position -= 1


def _footer_line(note: Note, label: re.Pattern[str], needle: str) -> int | None:
    if note.prose is None or note.lines is None:
        return None
    body_start = note.lines.line_start(min(body_line(note), note.lines.line_count - 1))
    start = _last_footer_line(note.prose, body_start, label, needle)
    return None if start is None else note.lines.position(start).line


def related_line(note: Note) -> int | None:
    """The line of a fully parsed note's last '**Related**:' line (wherever it stands), or
    None."""
    return _footer_line(note, RELATED_LABEL, "elated")


def tags_line(note: Note) -> int | None:
    """The line of the note's Tags footer: its last '**Tags**:' line, when no section comes
    after it (before a section, such a line is prose); else None."""
    line = _footer_line(note, TAGS_LABEL, "ags")
    sections = _sections(note)
    if line is None or (sections and sections[-1].range.start.line > line):
        return None
    return line


@makes("structure-related")
def check_related(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.prose is None or note.lines is None or not context.vault.is_draft(note):
        return
    line = related_line(note)
    if line is None:
        yield finding(
            "structure-related",
            _last_line_range(note),
            "The draft has no '**Related**:' line: end it with wiki-links to related notes, "
            "like '**Related**: [[Note]] | [[Other note]]'.",
            Fix.insert("Add '**Related**:'", note.lines.line_count, "**Related**: "),
            footer="missing",
        )
        return
    where = _whole_line(note.lines, line)
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
            footer="empty",
        )


def _unique(names: Iterable[str]) -> dict[str, str]:
    """Tag names by their folded form (Obsidian's tags ignore case), the first spelling kept,
    in order."""
    found: dict[str, str] = {}
    for name in names:
        found.setdefault(name.casefold(), name)
    return found


def _hashes(names: Iterable[str]) -> str:
    return " ".join(f"#{name}" for name in names)


# What may stand between the tags of a footer line: a rewrite of such a line loses nothing.
_TAG_SEPARATORS = re.compile(r"[\s,;|·]*")


@makes("structure-tags")
def check_tags_footer(note: Note, context: CheckContext) -> Iterator[Finding]:
    front = judged_frontmatter(note, context)
    if note.prose is None or note.text is None or note.lines is None or front is None:
        return
    if "tags" not in front.fields and "tag" not in front.fields:
        return  # no tags to agree with: frontmatter-field-missing says so
    lines = note.lines
    line = tags_line(note)  # a line in the body that starts with 'Tags:' is prose, not it
    if line is None:
        return
    start = lines.line_start(line)
    label = TAGS_LABEL.match(note.prose, start)
    assert label is not None
    end = start + len(note.text[start : lines.line_end(line)].rstrip())
    # The spec's footer lists the topic tags: both its examples leave 'blog' out.
    wanted = _unique(
        tag.name for tag in note.tags if tag.in_frontmatter and tag.name.casefold() != "blog"
    )
    written = _unique(
        tag.name for tag in note.tags if not tag.in_frontmatter and tag.range.start.line == line
    )
    written.pop("blog", None)
    missing = [name for key, name in wanted.items() if key not in written]
    extra = [name for key, name in written.items() if key not in wanted]
    if not missing and not extra:
        return
    differences = []
    if missing:
        differences.append(f"it lacks {_hashes(missing)}")
    if extra:
        differences.append(f"it has {_hashes(extra)}, which the frontmatter does not")
    where = lines.range(label.start("label"), end)
    rewritten = " ".join(["**Tags**:", *(f"#{name}" for name in wanted.values())])
    # Certain only when the line holds nothing but tags: other words on it would be lost.
    only_tags = _TAG_SEPARATORS.fullmatch(note.prose, label.end(), end) is not None
    yield finding(
        "structure-tags",
        where,
        f"The Tags line differs from the frontmatter's tags: {'; '.join(differences)}.",
        Fix.replace("Rewrite the Tags line from the frontmatter", where, rewritten, safe=only_tags),
        missing=missing,
        extra=extra,
    )


INTRODUCTION_PARAGRAPHS = 3  # the guide: "Introduction (2-3 paragraphs)"
CONCLUSION_PARAGRAPHS = 2  # the guide: "Conclusion (1-2 paragraphs)"
TAKEAWAYS = range(3, 6)  # the guide: "Summarise key points (3-5 takeaways)"
# What a paragraph ending in ':' may lead into, and so belong to.
_LED_INTO = frozenset({"list", "code", "table", "quote"})


def _before_footer(blocks: list[Block]) -> list[Block]:
    """A section's blocks up to the footer: a '---' line, or a Related or Tags line."""
    for index, block in enumerate(blocks):
        footer = block.kind == "paragraph" and (
            RELATED_LABEL.match(block.text) or TAGS_LABEL.match(block.text)
        )
        if block.kind == "break" or footer:
            return blocks[:index]
    return blocks


def _paragraphs(blocks: list[Block]) -> list[Block]:
    """The paragraphs of a section, as the guide counts them when it asks for "1-2
    paragraphs". Lists, code, tables and quotes are no paragraphs: the length asked for is
    that of the prose. Nor is a paragraph that ends in ':' and leads into one of them: it
    belongs to what it introduces. So the guide's own Conclusion, a paragraph, 'The key
    takeaways:' with its list, and a last paragraph, has the 2 paragraphs it asks for."""
    found = []
    for index, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        following = blocks[index + 1].kind if index + 1 < len(blocks) else None
        if block.text.rstrip().endswith(":") and following in _LED_INTO:
            continue
        found.append(block)
    return found


def _too_long(
    note: Note, code: str, name: str, paragraphs: list[Block], limit: int, advice: str
) -> Iterator[Finding]:
    if len(paragraphs) <= limit or note.lines is None:
        return
    yield finding(
        code,
        _whole_line(note.lines, paragraphs[limit].start),
        f"The {name} has {len(paragraphs)} paragraphs; the guide asks for at most {limit}: "
        f"{advice}.",
        count=len(paragraphs),
    )


@makes("structure-introduction-length", "structure-conclusion-length", "structure-takeaways")
def check_section_lengths(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    sections = _sections(note)
    if sections and _is_introduction(sections[0]):
        yield from _too_long(
            note,
            "structure-introduction-length",
            "Introduction",
            _paragraphs(_before_footer(section_blocks(note, sections[0]))),
            INTRODUCTION_PARAGRAPHS,
            "move the detail into the main sections",
        )
    if len(sections) < 2 or not _is_conclusion(sections[-1]):
        return
    conclusion = sections[-1]
    blocks = _before_footer(section_blocks(note, conclusion))
    yield from _too_long(
        note,
        "structure-conclusion-length",
        "Conclusion",
        _paragraphs(blocks),
        CONCLUSION_PARAGRAPHS,
        "keep to the takeaways and the next steps",
    )
    lists = [block for block in blocks if block.kind == "list"]
    if any(block.items in TAKEAWAYS for block in lists):
        return
    if all(block.kind == "html" for block in blocks):
        return  # not written yet (a new draft's has only the template's comments)
    if not lists:
        yield finding(
            "structure-takeaways",
            conclusion.range,
            "The Conclusion has no list of takeaways: sum up the key points in a list of 3 to 5.",
        )
        return
    first = lists[0]
    yield finding(
        "structure-takeaways",
        _whole_line(note.lines, first.start) if note.lines is not None else conclusion.range,
        f"The Conclusion's list has {_plural(first.items, 'item')}; the guide asks for 3 to 5 "
        "takeaways.",
        items=first.items,
    )


CHECKS = [
    check_h1,
    check_introduction,
    check_conclusion,
    check_sections,
    check_related,
    check_tags_footer,
    check_section_lengths,
]
