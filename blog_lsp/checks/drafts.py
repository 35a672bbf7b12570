"""Checks that only blog drafts get: frontmatter, SEO, filename, structure and duplicates.

Every check returns nothing for a note that is not a draft, and nothing for a part it cannot
judge (no frontmatter, invalid YAML: those have their own rules). ``fix`` is set only when the
replacement of the finding's range is certain; otherwise ``data`` carries what a quick fix
needs, with these keys:

- ``field``: the frontmatter field concerned;
- ``insert`` and ``line``: a line of text to insert before line ``line`` (0-based);
- ``suggested``: a better value, heading or file name (``suggested_path`` for a rename,
  relative to the vault);
- ``other``: the path of the other draft (duplicate-draft).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from blog_lsp.checks import Check, CheckContext, finding
from blog_lsp.findings import Finding
from blog_lsp.template import (
    FORBIDDEN_CHARACTERS,
    clean_filename,
    filename_for_title,
    find_similar_drafts,
    flow_list,
    heading_text,
    render_frontmatter,
    title_case_problems,
    yaml_scalar,
)
from blog_lsp.text import START, Range
from blog_lsp.vault.model import Frontmatter, FrontmatterField, Heading, Note

# -- shared helpers --------------------------------------------------------------------------


def _frontmatter(note: Note, context: CheckContext) -> Frontmatter | None:
    """The draft's frontmatter when its fields can be judged: a draft, with a frontmatter
    that parsed (a YAML error is frontmatter-invalid's to report)."""
    front = note.frontmatter
    if front is None or front.error is not None or not front.closed:
        return None
    if not context.vault.is_draft(note):
        return None
    return front


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return all(_is_empty(item) for item in value)
    return False


def _present(note: Note, context: CheckContext, key: str) -> FrontmatterField | None:
    """A draft's field that is there and not empty (empty ones are
    frontmatter-field-missing's), when the frontmatter can be judged."""
    front = _frontmatter(note, context)
    found = front.fields.get(key) if front is not None else None
    return None if found is None or _is_empty(found.value) else found


def _show(value: Any) -> str:
    """A frontmatter value as a writer would recognise it in a message."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _source(note: Note, where: Range) -> str | None:
    """The text a range covers, when the note was fully parsed."""
    if note.text is None or note.lines is None:
        return None
    return note.text[note.lines.offset(where.start) : note.lines.offset(where.end)]


def _line_text(note: Note, line: int) -> str | None:
    if note.text is None or note.lines is None or line >= note.lines.line_count:
        return None
    return note.text[note.lines.line_start(line) : note.lines.line_end(line)]


def _opening_range(note: Note) -> Range:
    """The opening '---' of the frontmatter (after a byte order mark, if any)."""
    start = 1 if note.text is not None and note.text.startswith("\ufeff") else 0
    return Range.on_line(0, start, start + 3)


def _frontmatter_title(note: Note) -> str | None:
    """The title as written in the frontmatter (not the filename fallback)."""
    title = note.frontmatter_value("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return None


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


def _default_value(field: str, note: Note, context: CheckContext) -> str:
    """What a quick fix writes for a missing field: the template's value."""
    settings = context.settings
    if field == "type":
        return "Blog"
    if field == "title":
        heading = next((h.text for h in note.headings if h.level == 1 and h.text), None)
        return yaml_scalar(heading or note.stem)
    if field == "date":
        return f"'{datetime.date.today().isoformat()}'"
    if field == "tags":
        return flow_list([settings.blog_tag])
    if field == "status":
        return settings.status_values[0] if settings.status_values else "draft"
    return ""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# -- frontmatter -----------------------------------------------------------------------------


def check_frontmatter_missing(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.frontmatter is not None or not context.vault.is_draft(note):
        return
    heading = next((h.text for h in note.headings if h.level == 1 and h.text), None)
    yield finding(
        "frontmatter-missing",
        START,
        "This draft has no frontmatter: add the blog fields (type, title, date, tags, "
        "description, status) between '---' lines at the top.",
        insert=render_frontmatter(
            heading or note.stem,
            today=datetime.date.today(),
            blog_tag=context.settings.blog_tag,
        ),
        line=0,
    )


def check_required_fields(note: Note, context: CheckContext) -> Iterator[Finding]:
    front = _frontmatter(note, context)
    if front is None:
        return
    closing_line = front.range.end.line
    for name in context.settings.required_fields:
        found = front.fields.get(name)
        if found is None:
            insert = f"{name}: {_default_value(name, note, context)}".rstrip()
            yield finding(
                "frontmatter-field-missing",
                _opening_range(note),
                f"The frontmatter has no '{name}' field.",
                field=name,
                insert=insert,
                line=closing_line,
            )
        elif _is_empty(found.value):
            hint = ""
            line = _line_text(note, found.key_range.start.line) or ""
            if "#" in line[found.key_range.end.character :]:
                hint = " (in YAML, '#' starts a comment: write [ML, LLM], not #ML #LLM)"
            yield finding(
                "frontmatter-field-missing",
                found.key_range,
                f"The '{name}' field is empty{hint}.",
                field=name,
                suggested=_default_value(name, note, context),
            )


def check_type(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = _present(note, context, "type")
    if not found or found.value == "Blog":
        return
    quote = found.style if found.style in ("", "'", '"') else None
    yield finding(
        "frontmatter-type",
        found.value_range,
        f"The type is {_show(found.value)}; a blog draft has 'type: Blog'.",
        None if quote is None else f"{quote}Blog{quote}",
        field="type",
        suggested="Blog",
    )


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})(\d{2})(\d{2})")
_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})", re.IGNORECASE)
_MONTH_DAY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE)


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class _Ambiguous(Exception):
    """A date that reads as two different days (03/04/2025)."""


def _read_loose_date(text: str) -> datetime.date | None:
    """The one date a string can mean, or None; raises _Ambiguous for day/month puzzles."""
    text = text.strip()
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        parts = [int(part) for part in match.groups() if part is not None]
        return _make_date(*parts)
    match = _YEAR_LAST.fullmatch(text)
    if match:
        first, second, year = (int(part) for part in match.groups())
        if first == second or (first > 12 and second <= 12):
            return _make_date(year, second, first)  # day first, the British way
        if second > 12 and first <= 12:
            return _make_date(year, first, second)
        if first <= 12 and second <= 12:
            raise _Ambiguous
        return None
    match = _DAY_MONTH.fullmatch(text)
    if match and match.group(2).casefold() in _MONTHS:
        day, month, year = match.groups()
        return _make_date(int(year), _MONTHS[month.casefold()], int(day))
    match = _MONTH_DAY.fullmatch(text)
    if match and match.group(1).casefold() in _MONTHS:
        month, day, year = match.groups()
        return _make_date(int(year), _MONTHS[month.casefold()], int(day))
    return None


def check_date(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = _present(note, context, "date")
    if not found:
        return
    value = found.value
    fixable = found.style in ("", "'", '"')
    if isinstance(value, datetime.datetime):
        wanted = f"'{value.date().isoformat()}'"
        yield finding(
            "frontmatter-date",
            found.value_range,
            f"The date holds a time; write just the day, as a quoted string: {wanted}.",
            field="date",
            suggested=wanted,
        )
        return
    if isinstance(value, datetime.date):
        wanted = f"'{value.isoformat()}'"
        yield finding(
            "frontmatter-date",
            found.value_range,
            f"Write the date as a quoted string, {wanted}, so every tool reads it as text.",
            wanted if fixable else None,
            field="date",
            suggested=wanted,
        )
        return
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        yield finding(
            "frontmatter-date",
            found.value_range,
            f"The date {_show(value)} is not a date: write it as 'YYYY-MM-DD'.",
            field="date",
        )
        return
    text = str(value).strip()
    quoted = found.style in ("'", '"')
    if quoted and _ISO_DATE.fullmatch(text):
        if _make_date(*(int(part) for part in text.split("-"))) is None:
            yield finding(
                "frontmatter-date",
                found.value_range,
                f"The date '{text}' is not a real day: write it as 'YYYY-MM-DD'.",
                field="date",
            )
        elif text != value:
            yield finding(
                "frontmatter-date",
                found.value_range,
                f"The date has spaces around it: write '{text}'.",
                f"'{text}'",
                field="date",
                suggested=f"'{text}'",
            )
        return
    try:
        day = _read_loose_date(text)
    except _Ambiguous:
        first, second = (int(part) for part in re.split(r"[-/.]", text)[:2])
        yield finding(
            "frontmatter-date",
            found.value_range,
            f"The date '{text}' is not in 'YYYY-MM-DD' form, and it could mean "
            f"{_day_name(first, second)} or {_day_name(second, first)}: "
            "write it as 'YYYY-MM-DD'.",
            field="date",
        )
        return
    if day is None:
        yield finding(
            "frontmatter-date",
            found.value_range,
            f"The date '{text}' is not a date: write it as 'YYYY-MM-DD'.",
            field="date",
        )
        return
    wanted = f"'{day.isoformat()}'"
    yield finding(
        "frontmatter-date",
        found.value_range,
        f"Write the date '{text}' as {wanted}: a quoted 'YYYY-MM-DD' string.",
        wanted if fixable else None,
        field="date",
        suggested=wanted,
    )


def _day_name(day: int, month: int) -> str:
    name = datetime.date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else str(month)
    return f"{day} {name}"


_COMMENTED_ITEM = re.compile(r"^([ \t]*-[ \t]+)#([\w/-]+)[ \t]*$")


def _commented_tag_items(note: Note, field: FrontmatterField, end_line: int) -> list[Range]:
    """Block list items written '- #ML': YAML reads them as comments (empty items). Returns
    the range of each '#ML'."""
    found = []
    for line in range(field.key_range.start.line + 1, end_line):
        text = _line_text(note, line)
        if text is None or (text and not text[0].isspace() and text[0] != "-"):
            break
        match = _COMMENTED_ITEM.match(text)
        if match:
            found.append(Range.on_line(line, match.end(1), match.end(2)))
    return found


def check_tags(note: Note, context: CheckContext) -> Iterator[Finding]:
    front = _frontmatter(note, context)
    if front is None or "tags" not in front.fields:
        return
    found = front.fields["tags"]
    blog = context.settings.blog_tag
    # '- #ML' items vanish as comments; report them whether or not the list is now empty.
    commented = _commented_tag_items(note, found, front.range.end.line)
    names: list[str] = []
    for where in commented:
        name = (_source(note, where) or "#").lstrip("#")
        names.append(name.casefold())
        yield finding(
            "frontmatter-tags",
            where,
            f"YAML reads '#{name}' as a comment, so the tag is lost: write '{name}' without '#'.",
            name,
            field="tags",
        )
    if _is_empty(found.value):
        return
    value = found.value
    if not isinstance(value, (list, str)):
        yield finding(
            "frontmatter-tags",
            found.value_range,
            f"The tags {_show(value)} are not a list: write them as [{blog}, ML, LLM].",
            field="tags",
            suggested=flow_list([blog]),
        )
        return
    items = list(found.items)
    if isinstance(value, str) and not items:
        items = [(part, found.value_range) for part in value.replace(",", " ").split()]
    for text, where in items:
        if text.startswith("#"):
            name = text.lstrip("#")
            yield finding(
                "frontmatter-tags",
                where,
                f"Write the tag '{text}' without '#' in the frontmatter: '{name}'.",
                yaml_scalar(name, flow=True) if name and isinstance(value, list) else None,
                field="tags",
                suggested=name,
            )
    names.extend(text.lstrip("#").casefold() for text, _ in items)
    if blog.casefold() in names:
        return
    yield from _missing_blog_tag(note, found, blog)


def _missing_blog_tag(note: Note, found: FrontmatterField, blog: str) -> Iterator[Finding]:
    message = f"The tags do not include '{blog}', which every blog draft carries."
    source = _source(note, found.value_range)
    one_line = found.value_range.start.line == found.value_range.end.line
    tag_names = [text.lstrip("#") for text, _ in found.items]
    suggested = flow_list([blog, *tag_names])
    if source and source.startswith("[") and source.endswith("]") and one_line:
        inner = source[1:-1].strip()
        blog_item = yaml_scalar(blog, flow=True)
        fix = f"[{blog_item}, {inner}]" if inner else f"[{blog_item}]"
        yield finding(
            "frontmatter-tags", found.value_range, message, fix, field="tags", suggested=fix
        )
        return
    data: dict[str, Any] = {"field": "tags", "suggested": suggested}
    if isinstance(found.value, list) and found.items:
        # A block list: insert '- blog' before the first item, with the same indentation.
        first = found.items[0][1].start
        prefix = (_line_text(note, first.line) or "")[: first.character]
        if prefix.strip() == "-":
            data.update(insert=prefix + yaml_scalar(blog, flow=True), line=first.line)
    where = found.value_range if one_line else found.key_range
    yield finding("frontmatter-tags", where, message, **data)


def check_status(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = _present(note, context, "status")
    allowed = context.settings.status_values
    if not found or not allowed or found.value in allowed:
        return
    value = found.value
    same_but_case = [
        status
        for status in allowed
        if isinstance(value, str) and status.casefold() == value.strip().casefold()
    ]
    quote = found.style if found.style in ("", "'", '"') else None
    fix = None
    if same_but_case and quote is not None:
        fix = f"{quote}{same_but_case[0]}{quote}"
    yield finding(
        "frontmatter-status",
        found.value_range,
        f"The status {_show(value)} is not one of {', '.join(allowed)}.",
        fix,
        field="status",
        suggested=same_but_case[0] if same_but_case else allowed[0],
    )


# -- SEO -------------------------------------------------------------------------------------


def _description(note: Note, context: CheckContext) -> FrontmatterField | None:
    found = _present(note, context, "description")
    if not found or not isinstance(found.value, str):
        return None
    return found


def check_description_length(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = _description(note, context)
    limit = context.settings.description_max_length
    if found is None:
        return
    length = len(found.value.strip())
    if length > limit:
        yield finding(
            "seo-description-length",
            found.value_range,
            f"The description has {length} characters; search engines cut it after {limit}.",
            field="description",
            length=length,
        )


def check_description_short(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = _description(note, context)
    minimum = context.settings.description_min_length
    if found is None:
        return
    length = len(found.value.strip())
    if length < minimum:
        yield finding(
            "seo-description-short",
            found.value_range,
            f"The description has only {length} characters; aim for {minimum} to "
            f"{context.settings.description_max_length} to use the space search results give.",
            field="description",
            length=length,
        )


_LEADING_QUOTES = "\"'“‘«([ "


def check_description_action(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = _description(note, context)
    if found is None or not context.settings.action_words:
        return
    text = found.value.strip().lstrip(_LEADING_QUOTES).casefold()
    for word in context.settings.action_words:
        word = word.strip().casefold()
        # The word must end where a word ends: "Learn how" counts, "Learning" does not.
        if word and text.startswith(word) and not text[len(word) : len(word) + 1].isalpha():
            return
    first = found.value.strip().split(maxsplit=1)[0] if found.value.strip() else ""
    examples = ", ".join(f"'{word}'" for word in context.settings.action_words[:3])
    yield finding(
        "seo-description-action",
        found.value_range,
        f"The description starts with '{first}'; start it with an action word such as {examples}.",
        field="description",
    )


def check_title_length(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = _present(note, context, "title")
    limit = context.settings.title_max_length
    if not found or not isinstance(found.value, str):
        return
    length = len(found.value.strip())
    if length > limit:
        yield finding(
            "seo-title-length",
            found.value_range,
            f"The title has {length} characters; search engines cut titles after {limit}.",
            field="title",
            length=length,
        )


# -- filename --------------------------------------------------------------------------------


def _rename(note: Note, context: CheckContext) -> dict[str, str]:
    """The one rename that fixes every filename rule at once: the filename for the title
    (or, without a title, for the current filename)."""
    title = _frontmatter_title(note) or note.stem
    name = filename_for_title(title, context.settings.filename_max_length) + ".md"
    return {"suggested": name, "suggested_path": f"{note.folder}/{name}" if note.folder else name}


def check_filename_length(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    limit = context.settings.filename_max_length
    if len(note.stem) <= limit:
        return
    data = _rename(note, context)
    yield finding(
        "filename-length",
        START,
        f"The filename has {len(note.stem)} characters, more than {limit}: "
        f"rename it to '{data['suggested']}'.",
        **data,
    )


def check_filename_title_case(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    words = title_case_problems(note.stem)
    if not words:
        return
    data = _rename(note, context)
    listed = ", ".join(f"'{word}'" for word in words[:3])
    yield finding(
        "filename-title-case",
        START,
        f"The filename is not in Title Case ({listed}): rename it to '{data['suggested']}'.",
        **data,
    )


def _is_control(character: str) -> bool:
    return ord(character) < 0x20 or 0x7F <= ord(character) < 0xA0


def check_filename_characters(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    bad = sorted({ch for ch in note.stem if ch in FORBIDDEN_CHARACTERS or _is_control(ch)})
    if not bad:
        return
    data = _rename(note, context)
    shown = " ".join(repr(ch)[1:-1] if _is_control(ch) else ch for ch in bad)
    yield finding(
        "filename-characters",
        START,
        f"The filename holds characters that break links or some file systems ({shown}): "
        f"rename it to '{data['suggested']}'.",
        **data,
    )


_APOSTROPHES = re.compile(r"['’]")
_NOT_WORD = re.compile(r"[\W_]+")


def _loose(text: str) -> str:
    """Text folded for the filename/title comparison: case, punctuation, '-' against ' '."""
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", text.casefold())).split())


def check_filename_title_mismatch(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    title = _frontmatter_title(note)
    if title is None:
        return
    limit = context.settings.filename_max_length
    expected = filename_for_title(title, limit)
    stem = _loose(note.stem)
    full = _loose(clean_filename(title))
    if stem in (_loose(expected), full):
        return
    # A stem cut at a word boundary because the title is too long for a filename: the next
    # word would not have fitted (a little slack for punctuation the comparison drops).
    if stem and full.startswith(stem + " "):
        next_word = full[len(stem) + 1 :].split(" ", 1)[0]
        if len(note.stem) + 1 + len(next_word) > limit - 3:
            return
    data = _rename(note, context)
    yield finding(
        "filename-title-mismatch",
        START,
        f"The filename '{note.stem}' does not match the title '{title}': "
        f"rename it to '{data['suggested']}'.",
        **data,
    )


# -- structure -------------------------------------------------------------------------------

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


def check_h1(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    title = _frontmatter_title(note)
    h1s = [heading for heading in note.headings if heading.level == 1]
    if not h1s:
        wanted = f"# {heading_text(title or note.stem)}"
        yield finding(
            "structure-h1",
            _body_start_range(note),
            f"The draft has no H1 heading: start the body with '{wanted}'.",
            insert=wanted,
            line=_body_line(note),
        )
        return
    for extra in h1s[1:]:
        yield finding(
            "structure-h1",
            extra.range,
            f"The draft has more than one H1 heading: make '{extra.text}' a section (##).",
            suggested=f"## {extra.text}",
        )
    first = h1s[0]
    if title is None or _plain_heading(first.text) == " ".join(title.split()):
        return
    # Same words, different case or punctuation: the title is meant, so the fix is certain.
    certain = _loose(first.text) == _loose(title)
    yield finding(
        "structure-h1",
        first.text_range if first.text else first.range,
        f"The H1 heading '{first.text}' differs from the title '{title}'.",
        heading_text(title) if certain and first.text else None,
        suggested=heading_text(title),
        title=title,
    )


def check_introduction(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault.is_draft(note):
        return
    sections = _sections(note)
    if sections and _is_introduction(sections[0]):
        return
    if not sections:
        where, message, line = (
            _body_start_range(note),
            "The draft has no '## Introduction' section.",
            None,
        )
    else:
        where = sections[0].range
        line = sections[0].range.start.line
        message = (
            f"The first section is '{sections[0].text}'; a draft opens with '## Introduction'."
        )
    data: dict[str, Any] = {"insert": "## Introduction"}
    if line is not None:
        data["line"] = line
    yield finding("structure-introduction", where, message, **data)


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
    yield finding("structure-conclusion", where, message, insert="## Conclusion")


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
            insert="**Related**: ",
            line=note.lines.line_count,
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


# -- duplicates ------------------------------------------------------------------------------


def check_duplicate(note: Note, context: CheckContext) -> Iterator[Finding]:
    if not context.vault_ready or not context.vault.is_draft(note):
        return
    similar = find_similar_drafts(context.vault, note.title, exclude=note.path)
    if not similar:
        return
    front = _frontmatter(note, context)
    title_field = front.fields.get("title") if front is not None else None
    where = title_field.value_range if title_field is not None else START
    for other in similar:
        yield finding(
            "duplicate-draft",
            where,
            f"Another draft, '{other.path}', has nearly the same title: '{other.title}'.",
            other=other.path,
            score=round(other.score),
        )


CHECKS: list[Check] = [
    check_frontmatter_missing,
    check_required_fields,
    check_type,
    check_date,
    check_tags,
    check_status,
    check_description_length,
    check_description_short,
    check_description_action,
    check_title_length,
    check_filename_length,
    check_filename_title_case,
    check_filename_characters,
    check_filename_title_mismatch,
    check_h1,
    check_introduction,
    check_conclusion,
    check_sections,
    check_related,
    check_duplicate,
]
