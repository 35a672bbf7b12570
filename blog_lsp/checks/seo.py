"""The SEO rules of a blog draft: the description still a placeholder, its length, first word
and topic, the title's length. A placeholder gets the one finding that says to write it, none
of the others."""

from __future__ import annotations

import re
from collections.abc import Iterator

from blog_lsp.checks.common import frontmatter_title, present_field
from blog_lsp.checks.framework import CheckContext, finding, makes
from blog_lsp.drafting.template import is_placeholder
from blog_lsp.findings import Finding
from blog_lsp.relevance.terms import STOPWORDS
from blog_lsp.vault.model import FrontmatterField, Note


def _written_description(note: Note, context: CheckContext) -> FrontmatterField | None:
    found = present_field(note, context, "description")
    if not found or not isinstance(found.value, str):
        return None
    return found


def _description(note: Note, context: CheckContext) -> FrontmatterField | None:
    """The description to judge: written, and not a placeholder (that is the placeholder
    rule's, alone)."""
    found = _written_description(note, context)
    return None if found is None or is_placeholder(found.value) else found


@makes("seo-description-placeholder")
def check_description_placeholder(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = _written_description(note, context)
    if found is None or not is_placeholder(found.value):
        return
    settings = context.settings
    examples = ", ".join(f"'{word}'" for word in settings.action_words[:3])
    start = f", starting with an action word such as {examples}" if examples else ""
    yield finding(
        "seo-description-placeholder",
        found.value_range,
        "Fill in the description: a summary of the post for search results, "
        f"{settings.description_min_length} to {settings.description_max_length} characters"
        f"{start}.",
        field="description",
    )


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


_WORD = re.compile(r"[^\W_]+")
# Words that name no topic: the small words the relevance engine leaves out too, and those
# that frame a title ("How to...", "Understanding...", "A Guide to...", "X vs Y").
_STOP_WORDS = STOPWORDS | frozenset("new vs versus guide understanding part intro overview".split())
# Tags that say what kind of post it is, not what it is about: 'blog' and the guide's
# "Technical Level" and "Format" vocabulary ('tutorial' is in a description by chance).
_NOT_TOPIC_TAGS = frozenset(
    """blog tutorial guide how-to beginner intermediate advanced practical theory
    implementation code-example walkthrough explanation""".split()
)
_ENDINGS = ("ation", "ing", "ed", "er")


def stem(word: str) -> str:
    """A case-folded word's stem, light on purpose: both sides of a comparison are stemmed
    alike, so a rough stem ('caching' and 'cache' -> 'cach') is as good as a right one. A
    plural first, then one ending; British and American forms share one stem ('optimize',
    'optimisation' -> 'optimis')."""
    word = word.casefold().removesuffix("'s").removesuffix("’s")
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1].isalpha():
        word = word[:-1]  # 'embedd' -> 'embed', 'modell' -> 'model'
    if word.endswith("iz"):
        word = word[:-1] + "s"
    return word


def _key_words(text: str) -> list[str]:
    """The words of a title that may name its topic: no small words, numbers or letters."""
    return [
        word
        for word in _WORD.findall(text)
        if len(word) > 1 and not word.isdigit() and word.casefold() not in _STOP_WORDS
    ]


_ACRONYM = re.compile(r"(?P<letters>[A-Z]{2,6})s?")


def _spelled_out(word: str, initials: str) -> bool:
    """Whether an acronym ('LLMs', 'RAG') is spelled out in words with these initials
    ('large language models', 'retrieval-augmented generation')."""
    acronym = _ACRONYM.fullmatch(word)
    return acronym is not None and acronym["letters"].casefold() in initials


@makes("seo-description-topic")
def check_description_topic(note: Note, context: CheckContext) -> Iterator[Finding]:
    found = _description(note, context)
    title = frontmatter_title(note)
    if found is None or title is None:
        return
    words = _WORD.findall(found.value)
    described = {stem(word) for word in words}
    initials = "".join(word[0].casefold() for word in words)
    key_words = _key_words(title)
    if any(stem(word) in described or _spelled_out(word, initials) for word in key_words):
        return
    tags = [
        tag.name
        for tag in note.tags
        if tag.in_frontmatter and tag.name.casefold() not in _NOT_TOPIC_TAGS
    ]
    for tag in tags:
        tag_words = {stem(word) for word in _WORD.findall(tag)}
        if (tag_words and tag_words <= described) or _spelled_out(tag, initials):
            return
    if not key_words and not tags:
        return  # nothing to name the topic by
    named = ", ".join(f"'{word}'" for word in [*key_words, *tags][:4])
    yield finding(
        "seo-description-topic",
        found.value_range,
        "The description does not name the post's main topic: it has none of the title's key "
        f"words or the tags ({named}).",
        field="description",
    )


CHECKS = [
    check_description_placeholder,
    check_description_length,
    check_description_short,
    check_description_action,
    check_description_topic,
    check_title_length,
]
