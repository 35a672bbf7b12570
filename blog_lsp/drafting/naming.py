"""Names for new drafts: cleaning a title, Title Case, the filename for a title, tags, and
where a draft's file goes (its planned path, safely inside the vault; nothing is written here).

Casing: filenames are in Title Case, as the spec asks, but :func:`title_case` only ever
*raises* the first letter of a lower-case word. It never lowers a letter, so acronyms (RAG),
inner capitals (LoRA, vLLM, iPhone) and a writer's capitalised minor words ("With") survive.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from blog_lsp.drafting.errors import UnsafePathError
from blog_lsp.names import new_name, same_name
from blog_lsp.paths import resolve_path
from blog_lsp.relevance.terms import STOPWORDS
from blog_lsp.vault.index import NOTE_SUFFIX

UNTITLED = "Untitled Draft"
RESERVED_SUFFIX = " Draft"

# Words Title Case leaves in lower case unless they open the title.
MINOR_WORDS = frozenset(
    {
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by",
        "in", "of", "off", "on", "per", "to", "up", "via", "vs", "v", "with", "from", "into",
        "over",
    }
)  # fmt: skip

# Characters the spec replaces: unsafe on some file system, or with a meaning in wiki-links.
FORBIDDEN_CHARACTERS = frozenset('\\/:*?"<>|#^[]')

# Windows refuses these names, whatever the extension ("NUL.md", "con.tar.md").
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{digit}" for port in ("COM", "LPT") for digit in "123456789¹²³"}
)

# Room for ".md" and for file systems that count bytes (most allow 255 bytes a name).
_MAX_FILENAME_BYTES = 240

_FORBIDDEN_RUN = re.compile("[" + re.escape("".join(sorted(FORBIDDEN_CHARACTERS))) + "]+")
_SEPARATOR_RUN = re.compile(r"[\s-]+")
_FIRST_ALNUM = re.compile(r"[^\W_]")
_COMPOUND_SPLIT = re.compile(r"[-\u2010\u2011\u2013\u2014/]")
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"’”"
_WHITESPACE_CONTROLS = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_TAG_SEPARATORS = re.compile(r"\s+")
_TAG_DROP = re.compile(r"[^\w/-]")


# -- titles ---------------------------------------------------------------------------------


def clean_line(text: str) -> str:
    """One line of printable text: control characters dropped (line breaks and tabs become
    spaces), surrogates and non-characters dropped, white space folded, NFC."""
    kept: list[str] = []
    for character in unicodedata.normalize("NFC", text):
        if character in _WHITESPACE_CONTROLS:
            kept.append(" ")
        elif unicodedata.category(character) in ("Cc", "Cs") or character in "\ufffe\uffff":
            continue
        else:
            kept.append(character)
    return " ".join("".join(kept).split())


def blank_title_problem(title: str) -> str | None:
    """Why ``title`` cannot name a draft, or None: after cleaning it must hold a letter or a
    digit (a title of spaces or dots would be a draft called 'Untitled Draft')."""
    if any(character.isalnum() for character in clean_line(title)):
        return None
    return "the title is empty (it needs a letter or a digit): give the draft a title"


def long_title_refusal(title: str, limit: int) -> str | None:
    """Why ``title`` is too long for a new draft (seo-title-length would report it), with a
    shorter one to offer (:func:`shortened_title`); None when it is not too long."""
    length = len(clean_line(title))
    if length <= limit:
        return None
    message = (
        f"The title has {length} characters; search engines cut titles after {limit} "
        "(seo-title-length), so no draft was created."
    )
    shortened = shortened_title(title, limit)
    if shortened is None:
        return f"{message} Give it a shorter title."
    return f"{message} A shorter title that keeps its first words: '{shortened}'."


# Where a subtitle starts: 'Main Title: Subtitle', 'Main Title - Subtitle', 'Main (Subtitle)'.
_SUBTITLE = re.compile(r":\s|\s[-\u2013\u2014]\s|\s\(")
# What a cut must not leave at the end of a title: joining punctuation and small words.
_LOOSE_END = ",;:-\u2013\u2014(&+/ "


def _small(word: str) -> bool:
    bare = word.strip(_LOOSE_END + _TRAILING_PUNCTUATION).casefold()
    return not bare or bare in STOPWORDS or bare in MINOR_WORDS


def shortened_title(title: str, limit: int) -> str | None:
    """A title of at most ``limit`` characters for one that is longer, to offer the writer:
    the main title before its subtitle ('...: ', ' - ', ' (') when that keeps two key words,
    else the title cut at the last word that fits, without the small words and punctuation a
    cut leaves at its end ('...Pipelines for' becomes '...Pipelines'). The words kept are the
    writer's, in their order and case. None when not even the first word fits."""
    title = clean_line(title)
    if len(title) <= limit:
        return title
    subtitle = _SUBTITLE.search(title)
    if subtitle is not None:
        main = title[: subtitle.start()].rstrip(_LOOSE_END)
        if len(main) <= limit and sum(not _small(word) for word in main.split()) >= 2:
            return main
    kept: list[str] = []
    for word in title.split():
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    while kept and _small(kept[-1]):
        kept.pop()
    shortened = " ".join(kept).rstrip(_LOOSE_END)
    return shortened or None


# -- Title Case -----------------------------------------------------------------------------


def _word_parts(token: str) -> tuple[int, str, str] | None:
    """Where a token's word starts, its first compound part, and that part without trailing
    punctuation (for the minor-word lookup). None for tokens without letters or digits."""
    found = _FIRST_ALNUM.search(token)
    if found is None:
        return None
    start = found.start()
    first_part = _COMPOUND_SPLIT.split(token[start:], maxsplit=1)[0]
    return start, first_part, first_part.rstrip(_TRAILING_PUNCTUATION)


def _needs_capital(first_part: str, bare: str, *, opening: bool) -> bool:
    initial = first_part[0]
    if not initial.islower() or len(initial.upper()) != 1:
        return False  # already capital, a digit, a caseless script, or no one-letter capital
    if any(character.isupper() or character.isdigit() for character in first_part[1:]):
        return False  # inner capitals or digits: a name (iPhone, vLLM, pH, x86, bf16)
    return opening or bare.casefold() not in MINOR_WORDS


def _word_tokens(text: str) -> Iterable[tuple[re.Match[str], tuple[int, str, str]]]:
    for match in re.finditer(r"\S+", text):
        parts = _word_parts(match.group())
        if parts is not None:
            yield match, parts


def title_case_problems(text: str) -> list[str]:
    """The words of ``text`` that Title Case would capitalise (empty when it is Title Case).

    The first word is capitalised; minor words (a, and, of, with...) may stay lower case;
    a hyphenated compound needs only its first part capitalised; words with a digit or an
    inner capital are names and stay as they are.
    """
    problems = []
    for index, (match, (_, first_part, bare)) in enumerate(_word_tokens(text)):
        if _needs_capital(first_part, bare, opening=index == 0):
            problems.append(match.group())
    return problems


def is_title_case(text: str) -> bool:
    return not title_case_problems(text)


def title_case(text: str) -> str:
    """``text`` in Title Case: raises the first letter of words that need it, lowers nothing."""
    pieces: list[str] = []
    position = 0
    for index, (match, (start, first_part, bare)) in enumerate(_word_tokens(text)):
        if _needs_capital(first_part, bare, opening=index == 0):
            at = match.start() + start
            pieces.append(text[position:at])
            pieces.append(text[at].upper())
            position = at + 1
    pieces.append(text[position:])
    return "".join(pieces)


# -- filenames ------------------------------------------------------------------------------


def _replace_forbidden(text: str) -> str:
    """A run of special characters between two word characters becomes '-' ("CI/CD" ->
    "CI-CD"); elsewhere a space ("RAG: A Primer" -> "RAG A Primer")."""

    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[match.end()] if match.end() < len(text) else ""
        joins_words = (before.isalnum() or before == "_") and (after.isalnum() or after == "_")
        return "-" if joins_words else " "

    return _FORBIDDEN_RUN.sub(replace, text)


def _fold_separators(text: str) -> str:
    """Runs of spaces become one space, runs of hyphens one hyphen, a mix " - "."""

    def fold(match: re.Match[str]) -> str:
        run = match.group()
        if "-" not in run:
            return " "
        if run.strip() == run:
            return "-"
        return " - "

    return _SEPARATOR_RUN.sub(fold, text)


def _trim(text: str) -> str:
    # Leading dots hide a file; trailing dots and spaces vanish on Windows.
    return text.strip(" .-")


def clean_filename(text: str) -> str:
    """``text`` with the spec's special characters replaced, control characters and invisible
    format characters (bidi overrides, zero-width spaces) removed, separators folded and the
    ends trimmed; no casing change, no length limit."""
    return _trim(_fold_separators(_replace_forbidden(new_name(clean_line(text)))))


def _cut_at_word(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    if text[limit] in " -":
        return _trim(text[:limit]) or text[:limit]
    cut = max(text.rfind(" ", 0, limit), text.rfind("-", 0, limit))
    head = _trim(text[:cut]) if cut > 0 else ""
    return head or _trim(text[:limit]) or text[:limit]


def truncate_at_word(text: str, max_length: int) -> str:
    """``text`` cut to at most ``max_length`` characters (and 240 UTF-8 bytes), at a space
    or hyphen when there is one; a single over-long word is cut where it must be."""
    limit = max(max_length, 1)
    while True:
        cut = _cut_at_word(text, limit)
        if len(cut.encode("utf-8")) <= _MAX_FILENAME_BYTES:
            return cut
        limit = len(cut) - 1


def is_reserved_name(stem: str) -> bool:
    return stem.split(".", 1)[0].strip().upper() in WINDOWS_RESERVED


def _avoid_reserved(stem: str) -> str:
    if not is_reserved_name(stem):
        return stem
    head, dot, rest = stem.partition(".")
    return head.rstrip() + RESERVED_SUFFIX + dot + rest


def filename_for_title(title: str, max_length: int = 60) -> str:
    """The file stem (no '.md') for a draft title, as the spec asks.

    Special characters become '-' or ' ', control characters go, the result is in Title Case
    (see :func:`title_case`), cut at a word boundary to ``max_length`` characters, never a
    Windows reserved name, never '.', '..' or a path, and "Untitled Draft" when nothing is left.
    """
    stem = truncate_at_word(title_case(clean_filename(title)), max_length)
    stem = _avoid_reserved(stem)
    if len(stem) > max_length:
        stem = truncate_at_word(stem, max_length)
    if not stem or is_reserved_name(stem) or stem in (".", ".."):
        stem = truncate_at_word(UNTITLED, max_length)
    return stem


# -- tags -----------------------------------------------------------------------------------


def obsidian_tag(tag: str) -> str | None:
    """``tag`` as a valid Obsidian tag (no '#', no spaces, letters, digits, '_', '-', '/'),
    or None when nothing valid is left (a tag must hold something besides digits)."""
    name = _TAG_SEPARATORS.sub("-", clean_line(tag).lstrip("#").strip())
    name = _TAG_DROP.sub("", name).strip("/")
    if not name or not any(not ch.isdigit() and ch not in "_-/" for ch in name):
        return None
    return name


def draft_tags(tags: Iterable[str], blog_tag: str = "blog") -> list[str]:
    """Valid, distinct tags (Obsidian ignores case) with the blog tag first."""
    blog = obsidian_tag(blog_tag) or "blog"
    result = [blog]
    seen = {blog.casefold()}
    for tag in tags:
        name = obsidian_tag(tag)
        if name is not None and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


# -- planned paths --------------------------------------------------------------------------


def _folder_parts(drafts_folder: str) -> list[str]:
    """The drafts folder as path parts, refusing anything that could leave the vault."""
    raw = drafts_folder.replace("\\", "/")
    if raw.startswith("/") or re.match(r"^[A-Za-z]:", raw) or "\x00" in raw:
        raise UnsafePathError(drafts_folder, "the drafts folder must be relative to the vault")
    parts = [new_name(part) for part in raw.split("/")]
    parts = [part for part in parts if part not in ("", ".")]
    if ".." in parts:
        raise UnsafePathError(drafts_folder, "the drafts folder must stay inside the vault")
    return parts


def check_inside(root: Path, path: Path) -> None:
    """``path`` must resolve (symbolic links followed) inside the resolved vault root."""
    resolved = resolve_path(path)  # a symbolic link loop stays where it is: inside
    if resolved != root and not resolved.is_relative_to(root):
        raise UnsafePathError(path, f"it resolves to {resolved}, outside the vault {root}")


def planned_draft_path(
    vault_root: Path, drafts_folder: str, title: str, *, max_length: int = 60
) -> Path:
    """Where :func:`~blog_lsp.drafting.files.create_draft` would write the draft for
    ``title``; writes nothing.

    Raises :class:`UnsafePathError` when that place is outside the vault.
    """
    root = Path(vault_root).resolve()
    folder = root
    for part in _folder_parts(drafts_folder):
        # An existing folder spelt another way ('tweets' for 'Tweets'), not a look-alike beside it.
        folder = folder / (spelt_on_disk(folder, part, folders_only=True) or part)
    path = folder / (filename_for_title(title, max_length) + NOTE_SUFFIX)
    check_inside(root, folder)
    check_inside(root, path)
    return path


def spelt_on_disk(folder: Path, name: str, *, folders_only: bool = False) -> str | None:
    """The name of the entry of ``folder`` that is ``name`` but for case, Unicode form and
    invisible characters (see :func:`blog_lsp.names.name_key`), or None."""
    if (folder / name).exists() and (not folders_only or (folder / name).is_dir()):
        return name
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    return next(
        (
            found
            for found in names
            if same_name(found, name) and (not folders_only or (folder / found).is_dir())
        ),
        None,
    )
