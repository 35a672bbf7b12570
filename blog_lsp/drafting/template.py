"""The spec's template: a new draft's frontmatter and body, and the check that its frontmatter
reads back exactly as meant before it is written."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

import frontmatter

from blog_lsp.drafting.errors import DraftError
from blog_lsp.drafting.naming import UNTITLED, clean_line, draft_tags
from blog_lsp.drafting.yaml_text import flow_list, yaml_scalar


def render_frontmatter(
    title: str,
    *,
    today: datetime.date | None,
    tags: Sequence[str] = (),
    description: str = "",
    blog_tag: str = "blog",
    status: str = "draft",
) -> str:
    """The spec's frontmatter block, both '---' lines included, ending with a line break.
    ``today=None`` leaves the date empty (''), for the writer to fill in."""
    day = today.isoformat() if today is not None else ""
    description = clean_line(description)
    lines = [
        "---",
        "type: Blog",
        f"title: {yaml_scalar(clean_line(title) or UNTITLED)}",
        f"date: '{day}'",
        f"tags: {flow_list(draft_tags(tags, blog_tag))}",
        f"description: {yaml_scalar(description)}" if description else "description:",
        f"status: {yaml_scalar(status)}",
        "---",
    ]
    return "\n".join(lines) + "\n"


def heading_text(title: str) -> str:
    """A title as ATX heading text: a trailing run of '#' would be read as a closing
    sequence, so its first '#' is escaped."""
    return re.sub(r"(\s)(#+)$", r"\1\\\2", title)


def render_draft(
    title: str,
    *,
    today: datetime.date,
    tags: Sequence[str] = (),
    description: str = "",
    blog_tag: str = "blog",
) -> str:
    """A new draft in the spec's shape. Placeholders are HTML comments, so they are not
    prose; the main section headings are placeholders for the writer to rename."""
    title = clean_line(title) or UNTITLED
    # The spec's footer repeats the topic tags, without the blog tag.
    footer_tags = " ".join(f"#{tag}" for tag in draft_tags(tags, blog_tag)[1:])
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
    frontmatter = render_frontmatter(
        title, today=today, tags=tags, description=description, blog_tag=blog_tag
    )
    return frontmatter + "\n".join(body) + "\n"


def render_checked_draft(
    title: str,
    *,
    today: datetime.date,
    tags: Sequence[str] = (),
    description: str = "",
    blog_tag: str = "blog",
) -> str:
    """:func:`render_draft`, read back with python-frontmatter as other tools will read it:
    a draft whose fields would not read back exactly as meant is never written."""
    text = render_draft(title, today=today, tags=tags, description=description, blog_tag=blog_tag)
    _confirm_frontmatter(
        text,
        {
            "type": "Blog",
            "title": clean_line(title) or UNTITLED,
            "date": today.isoformat(),
            "tags": draft_tags(tags, blog_tag),
            "description": clean_line(description) or None,
            "status": "draft",
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
