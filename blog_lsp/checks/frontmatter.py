"""The frontmatter rules: YAML that cannot be read (every note), and a blog draft's fields
(missing or empty, type, date, tags, status).

Every draft rule returns nothing for a note that is not a draft, and nothing for a frontmatter
it cannot judge (none, or invalid YAML: those have their own rules). A fix is safe only when
the new value is certain ('2025-12-31' for 31/12/2025); a guess ('draft' for 'drafted'), a
template value or a line to add is offered, not applied. ``data``'s ``field`` names the field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from blog_lsp.checks.common import is_empty, judged_frontmatter, present_field
from blog_lsp.checks.dates import ISO_DATE, AmbiguousDateError, make_date, read_loose_date
from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.drafting.template import DraftSpec, render_frontmatter
from blog_lsp.drafting.yaml_text import flow_list, yaml_scalar
from blog_lsp.findings import Edit, Finding, Fix
from blog_lsp.text import START, Position, Range
from blog_lsp.vault.model import FrontmatterField, Note


@makes("frontmatter-invalid")
def check_frontmatter_invalid(note: Note, context: CheckContext) -> Iterator[Finding]:
    front = note.frontmatter
    if front is not None and front.error is not None:
        yield finding("frontmatter-invalid", front.error_range or START, front.error)


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


def value_edit(note: Note, found: FrontmatterField, value: str) -> Edit | None:
    """The edit that writes ``value`` (YAML) in place of a field's value, whatever its style
    (a block value ends on its own last line; an empty one gets its space after 'key:').
    None without a value, or for a note not fully parsed."""
    if not value.strip() or note.text is None or note.lines is None:
        return None
    where = found.value_range
    if where.end.line > where.start.line and where.end.character == 0:
        # A block value's range runs to the start of the next key's line: end it on its own.
        last = where.end.line - 1
        length = note.lines.line_end(last) - note.lines.line_start(last)
        where = Range(where.start, Position(last, length))
    if where.start == where.end:
        offset = note.lines.offset(where.start)
        if offset > 0 and note.text[offset - 1] == ":":
            value = " " + value  # an empty value right after 'key:'
    return Edit(where, value)


def _value_fix(
    note: Note, found: FrontmatterField, title: str, value: str, *, one_line: bool = False
) -> Fix | None:
    """A fix, not certain, that writes ``value`` (YAML) in place of a field's value. None
    without a value; or when ``one_line`` and the value has several lines (replacing them
    would drop what they hold, such as commented tags)."""
    edit = value_edit(note, found, value)
    if edit is None or (one_line and edit.range.start.line != edit.range.end.line):
        return None
    return Fix(title, (edit,))


def _certain_or_guess(
    note: Note, found: FrontmatterField, title: str, value: str, *, certain: bool
) -> Fix | None:
    """``value`` in place of the field's value: certain when the field's style can hold it
    as it is, else offered (a block scalar, say, is rewritten whole)."""
    if certain:
        return Fix.replace(title, found.value_range, value, safe=True)
    return _value_fix(note, found, title, value)


@makes("frontmatter-missing")
def check_frontmatter_missing(note: Note, context: CheckContext) -> Iterator[Finding]:
    if note.frontmatter is not None or not context.vault.is_draft(note):
        return
    heading = next((h.text for h in note.headings if h.level == 1 and h.text), None)
    yield finding(
        "frontmatter-missing",
        START,
        "This draft has no frontmatter: add the blog fields (type, title, date, tags, "
        "description, status) between '---' lines at the top.",
        Fix.insert(
            "Add the blog frontmatter",
            0,
            render_frontmatter(
                DraftSpec(
                    heading or note.stem,
                    datetime.date.today(),
                    blog_tag=context.settings.blog_tag,
                )
            ),
        ),
    )


@makes("frontmatter-field-missing")
def check_required_fields(note: Note, context: CheckContext) -> Iterator[Finding]:
    front = judged_frontmatter(note, context)
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
                Fix.insert(f"Add the '{name}' field", closing_line, insert),
                field=name,
            )
        elif is_empty(found.value):
            hint = ""
            line = _line_text(note, found.key_range.start.line) or ""
            if "#" in line[found.key_range.end.character :]:
                hint = " (in YAML, '#' starts a comment: write [ML, LLM], not #ML #LLM)"
            value = _default_value(name, note, context)
            yield finding(
                "frontmatter-field-missing",
                found.key_range,
                f"The '{name}' field is empty{hint}.",
                _value_fix(note, found, f"Fill in '{name}: {value}'", value, one_line=True),
                field=name,
            )


@makes("frontmatter-type")
def check_type(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = present_field(note, context, "type")
    if not found or found.value == "Blog":
        return
    quote = found.style if found.style in ("", "'", '"') else None
    if quote is not None:
        fix: Fix | None = Fix.replace(
            "Set 'type: Blog'", found.value_range, f"{quote}Blog{quote}", safe=True
        )
    else:
        value = yaml_scalar("Blog")
        fix = _value_fix(note, found, f"Set 'type: {value}'", value)
    yield finding(
        "frontmatter-type",
        found.value_range,
        f"The type is {_show(found.value)}; a blog draft has 'type: Blog'.",
        fix,
        field="type",
    )


@makes("frontmatter-date")
def check_date(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = present_field(note, context, "date")
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
            _value_fix(note, found, f"Write the date as {wanted}", wanted),
            field="date",
        )
        return
    if isinstance(value, datetime.date):
        wanted = f"'{value.isoformat()}'"
        yield finding(
            "frontmatter-date",
            found.value_range,
            f"Write the date as a quoted string, {wanted}, so every tool reads it as text.",
            _certain_or_guess(note, found, f"Write the date as {wanted}", wanted, certain=fixable),
            field="date",
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
    if quoted and ISO_DATE.fullmatch(text):
        if make_date(*(int(part) for part in text.split("-"))) is None:
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
                Fix.replace(
                    f"Write the date as '{text}'", found.value_range, f"'{text}'", safe=True
                ),
                field="date",
            )
        return
    try:
        day = read_loose_date(text)
    except AmbiguousDateError as ambiguous:
        first, second = ambiguous.readings
        yield finding(
            "frontmatter-date",
            found.value_range,
            f"The date '{text}' is not in 'YYYY-MM-DD' form, and it could mean "
            f"{first} or {second}: write it as 'YYYY-MM-DD'.",
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
        _certain_or_guess(note, found, f"Write the date as {wanted}", wanted, certain=fixable),
        field="date",
    )


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


@makes("frontmatter-tags")
def check_tags(note: Note, context: CheckContext) -> Iterator[Finding]:
    front = judged_frontmatter(note, context)
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
            Fix.replace(f"Change to '{name}'", where, name, safe=True),
            field="tags",
        )
    if is_empty(found.value):
        return
    value = found.value
    if not isinstance(value, (list, str)):
        yield finding(
            "frontmatter-tags",
            found.value_range,
            f"The tags {_show(value)} are not a list: write them as [{blog}, ML, LLM].",
            _tags_fix(note, found, flow_list([blog])),
            field="tags",
        )
        return
    items = list(found.items)
    if isinstance(value, str) and not items:
        items = [(part, found.value_range) for part in value.replace(",", " ").split()]
    for text, where in items:
        if text.startswith("#"):
            name = text.lstrip("#")
            if name and isinstance(value, list):
                item = yaml_scalar(name, flow=True)
                fix: Fix | None = Fix.replace(f"Change to '{item}'", where, item, safe=True)
            else:
                fix = _tags_fix(note, found, name)
            yield finding(
                "frontmatter-tags",
                where,
                f"Write the tag '{text}' without '#' in the frontmatter: '{name}'.",
                fix,
                field="tags",
            )
    names.extend(text.lstrip("#").casefold() for text, _ in items)
    if blog.casefold() in names:
        return
    yield from _missing_blog_tag(note, found, blog)


def _tags_fix(note: Note, found: FrontmatterField, tags: str) -> Fix | None:
    return _value_fix(note, found, f"Change the tags to {tags}", tags)


def _missing_blog_tag(note: Note, found: FrontmatterField, blog: str) -> Iterator[Finding]:
    message = f"The tags do not include '{blog}', which every blog draft carries."
    source = _source(note, found.value_range)
    one_line = found.value_range.start.line == found.value_range.end.line
    if source and source.startswith("[") and source.endswith("]") and one_line:
        inner = source[1:-1].strip()
        blog_item = yaml_scalar(blog, flow=True)
        tags = f"[{blog_item}, {inner}]" if inner else f"[{blog_item}]"
        fix: Fix | None = Fix.replace(
            f"Change the tags to {tags}", found.value_range, tags, safe=True
        )
        yield finding("frontmatter-tags", found.value_range, message, fix, field="tags")
        return
    tag_names = [text.lstrip("#") for text, _ in found.items]
    fix = _tags_fix(note, found, flow_list([blog, *tag_names]))
    if isinstance(found.value, list) and found.items:
        # A block list: insert '- blog' before the first item, with the same indentation.
        first = found.items[0][1].start
        prefix = (_line_text(note, first.line) or "")[: first.character]
        if prefix.strip() == "-":
            item = prefix + yaml_scalar(blog, flow=True)
            fix = Fix.insert(f"Add the '{blog}' tag", first.line, item)
    where = found.value_range if one_line else found.key_range
    yield finding("frontmatter-tags", where, message, fix, field="tags")


@makes("frontmatter-status")
def check_status(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = present_field(note, context, "status")
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
    if same_but_case and quote is not None:
        status = f"{quote}{same_but_case[0]}{quote}"
        fix: Fix | None = Fix.replace(
            f"Set the status to {status}", found.value_range, status, safe=True
        )
    else:  # the same word in another case, or the first status: a guess
        status = yaml_scalar(same_but_case[0] if same_but_case else allowed[0])
        fix = _value_fix(note, found, f"Set the status to {status}", status)
    yield finding(
        "frontmatter-status",
        found.value_range,
        f"The status {_show(value)} is not one of {', '.join(allowed)}.",
        fix,
        field="status",
    )


CHECKS = [
    check_frontmatter_invalid,
    check_frontmatter_missing,
    check_required_fields,
    check_type,
    check_date,
    check_tags,
    check_status,
]
