"""The spec's template: a new draft's frontmatter and body (from a :class:`DraftSpec`), the check
that its frontmatter reads back exactly as meant before it is written, and a new note's text."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import frontmatter

from blog_lsp.drafting.errors import DraftError
from blog_lsp.drafting.naming import UNTITLED, clean_line, draft_tags
from blog_lsp.drafting.yaml_text import flow_list, yaml_scalar

# A draft whose writer gave no description says this in its place: a value the SEO rules know
# for a placeholder (seo-description-placeholder), so that the writer sees one thing to do.
DESCRIPTION_PLACEHOLDER = "TODO: a summary for search results"

# What marks a description as still to be written: the template's own, a 'TODO', 'TBD' or
# 'FIXME' at its start, or the spec's '{Brief SEO summary...}' written as text.
_PLACEHOLDER = re.compile(r"\s*(?:(?:TODO|TBD|FIXME)(?![^\W\d_])|\{[^{}]*\}\s*$)")


def is_placeholder(text: str) -> bool:
    """Whether a field's text is a placeholder for the writer to replace."""
    return _PLACEHOLDER.match(text) is not None


@dataclass(frozen=True, slots=True)
class DraftSpec:
    """What a new draft says: its title, date, topic tags and SEO description, the vault's blog
    tag and its status, as the writer gave them (rendering cleans them). ``date=None`` leaves
    the frontmatter's date empty (''), for the writer to fill in; no description writes
    :data:`DESCRIPTION_PLACEHOLDER` in its place."""

    title: str
    date: datetime.date | None
    tags: Sequence[str] = ()
    description: str = ""
    blog_tag: str = "blog"
    status: str = "draft"

    def __post_init__(self) -> None:
        # A list given as the tags would let the frozen spec change under its reader.
        object.__setattr__(self, "tags", tuple(self.tags))


def render_frontmatter(spec: DraftSpec) -> str:
    """The spec's frontmatter block, both '---' lines included, ending with a line break."""
    lines = [
        "---",
        "type: Blog",
        f"title: {yaml_scalar(clean_line(spec.title) or UNTITLED)}",
        f"date: '{_day(spec)}'",
        f"tags: {flow_list(draft_tags(spec.tags, spec.blog_tag))}",
        f"description: {yaml_scalar(_description(spec))}",
        f"status: {yaml_scalar(spec.status)}",
        "---",
    ]
    return "\n".join(lines) + "\n"


def _description(spec: DraftSpec) -> str:
    return clean_line(spec.description) or DESCRIPTION_PLACEHOLDER


def still_to_write(spec: DraftSpec) -> list[str]:
    """What a new draft rendered from ``spec`` leaves for its writer, in the order it comes."""
    left = []
    if not clean_line(spec.description):
        left.append("the description (a summary for search results, in the frontmatter)")
    if not draft_tags(spec.tags, spec.blog_tag)[1:]:
        left.append("the topic tags (in the frontmatter and the Tags line)")
    left += [
        "the Introduction, the main sections (with headings of their own) and the Conclusion",
        "the Related line: wiki-links to related notes",
    ]
    return left


def _day(spec: DraftSpec) -> str:
    return spec.date.isoformat() if spec.date is not None else ""


def heading_text(title: str) -> str:
    """A title as ATX heading text: a trailing run of '#' would be read as a closing
    sequence, so its first '#' is escaped."""
    return re.sub(r"(\s)(#+)$", r"\1\\\2", title)


def new_note_text(path: Path) -> str:
    """A new note's text (one made for an unresolved link): its name as the H1 heading."""
    return f"# {heading_text(path.stem)}\n"


def render_draft(spec: DraftSpec) -> str:
    """A new draft in the spec's shape. Placeholders are HTML comments, so they are not
    prose; the main section headings are placeholders for the writer to rename."""
    title = clean_line(spec.title) or UNTITLED
    # The spec's footer repeats the topic tags, without the blog tag.
    footer_tags = " ".join(f"#{tag}" for tag in draft_tags(spec.tags, spec.blog_tag)[1:])
    body = [
        "",
        f"# {heading_text(title)}",
        "",
        "## Introduction",
        "",
        "<!-- A hook that draws the reader in: why this topic matters. -->",
        "",
        "<!-- Context, and what the post will cover. -->",
        "",
        "## Main Section 1",
        "",
        "<!-- Content with examples, and code snippets if technical. -->",
        "",
        "## Main Section 2",
        "",
        "<!-- Continue building on the concepts. Add a third section if needed. -->",
        "",
        "## Conclusion",
        "",
        "<!-- A summary of the key takeaways (three to five). -->",
        "",
        "<!-- A call to action, or next steps for readers. -->",
        "",
        "---",
        "",
        # Two trailing spaces: a Markdown line break, as in the spec's footer.
        "**Related**: <!-- [[Related note]] | [[Another related note]] -->" + "  ",
        f"**Tags**: {footer_tags}".rstrip(),
    ]
    return render_frontmatter(spec) + "\n".join(body) + "\n"


def render_checked_draft(spec: DraftSpec) -> str:
    """:func:`render_draft`, read back with python-frontmatter as other tools will read it:
    a draft whose fields would not read back exactly as meant is never written."""
    text = render_draft(spec)
    _confirm_frontmatter(
        text,
        {
            "type": "Blog",
            "title": clean_line(spec.title) or UNTITLED,
            "date": _day(spec),
            "tags": draft_tags(spec.tags, spec.blog_tag),
            "description": _description(spec),
            "status": spec.status,
        },
    )
    return text


def _confirm_frontmatter(text: str, wanted: dict[str, object]) -> None:
    """Read the new draft back with python-frontmatter, as other tools will read it: a draft
    whose fields would not read back exactly as meant is never written."""
    try:
        metadata = frontmatter.loads(text).metadata
    except Exception as error:  # any parser failure means the same: do not write
        raise DraftError(f"The new draft's frontmatter does not parse: {error}.") from error
    if metadata != wanted:
        raise DraftError(
            "The new draft's frontmatter would not read back as written; nothing was created."
        )
