"""The SEO rules of a blog draft: the description's length and first word, the title's length."""

from __future__ import annotations

from collections.abc import Iterator

from blog_lsp.checks.common import present_field
from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.findings import Finding
from blog_lsp.vault.model import FrontmatterField, Note


def _description(note: Note, context: CheckContext) -> FrontmatterField | None:
    found = present_field(note, context, "description")
    if not found or not isinstance(found.value, str):
        return None
    return found


@makes("seo-description-length")
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


@makes("seo-description-short")
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


@makes("seo-description-action")
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


@makes("seo-title-length")
def check_title_length(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = present_field(note, context, "title")
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


CHECKS = [
    check_description_length,
    check_description_short,
    check_description_action,
    check_title_length,
]
