"""New blog drafts: the filename for a title, the spec's template, and writing it safely.

Shared by ``blog-lsp new`` and the server's ``blog-lsp.newDraft`` command, and by the draft
checks (the filename a title should have, Title Case, YAML quoting, drafts with nearly the
same title).

Casing: filenames are in Title Case, as the spec asks, but :func:`title_case` only ever
*raises* the first letter of a lower-case word. It never lowers a letter, so acronyms (RAG),
inner capitals (LoRA, vLLM, iPhone) and a writer's capitalised minor words ("With") survive.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import frontmatter
import yaml
from rapidfuzz import fuzz, process

from blog_lsp.names import name_key, new_name, same_name
from blog_lsp.paths import resolve_folders, resolve_path
from blog_lsp.vault.index import title_key

if TYPE_CHECKING:
    from blog_lsp.vault.vault import Vault

UNTITLED = "Untitled Draft"
RESERVED_SUFFIX = " Draft"
NOTE_SUFFIX = ".md"

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


# -- errors --------------------------------------------------------------------------------


class DraftError(Exception):
    """A draft could not be created; the message says why, for the writer."""


class DraftExistsError(DraftError):
    def __init__(self, path: Path, vault_root: Path | None = None) -> None:
        self.path = path
        super().__init__(
            f"{exists_message(path, vault_root)} Choose another title, or open the existing note."
        )


def exists_message(path: Path, vault_root: Path | None = None) -> str:
    """The refusal for a file that is there, naming it relative to the vault as every other
    message does (as given when it is not under the vault)."""
    shown: Path | str = path
    if vault_root is not None:
        with contextlib.suppress(ValueError):
            shown = resolve_folders(path).relative_to(resolve_path(vault_root)).as_posix()
    return f"A note already exists at '{shown}'; blog-lsp never overwrites a file."


def blank_title_problem(title: str) -> str | None:
    """Why ``title`` cannot name a draft, or None: after cleaning it must hold a letter or a
    digit (a title of spaces or dots would be a draft called 'Untitled Draft')."""
    if any(character.isalnum() for character in clean_line(title)):
        return None
    return "the title is empty (it needs a letter or a digit): give the draft a title"


class UnsafePathError(DraftError):
    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = path
        super().__init__(f"blog-lsp will not write to {path}: {reason}.")


# -- text cleaning ---------------------------------------------------------------------------


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


# -- Title Case ------------------------------------------------------------------------------


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


# -- filenames -------------------------------------------------------------------------------


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


def comparable_stem(text: str) -> str:
    """A stem or title folded for comparison: case, hyphens against spaces, NFC."""
    return " ".join(name_key(text).replace("-", " ").split())


# -- YAML ------------------------------------------------------------------------------------

_PLAIN_START = re.compile(r"[^\W\d_]")  # plain scalars start with a letter, to stay unambiguous
_PLAIN_FORBIDDEN = re.compile(r"[#:{}\[\]&*!|>'\"%@`]|^\s|\s$")


def _round_trips(source: str, expected: object) -> bool:
    try:
        return bool(yaml.safe_load(source) == expected)
    except yaml.YAMLError:
        return False


# Characters a single-quoted scalar cannot hold as themselves: controls, line breaks, the BOM,
# non-characters and lone surrogates.
_NOT_SINGLE_QUOTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls, line breaks included
    "\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)


def _double_quoted(value: str) -> str:
    """A double-quoted scalar, escaping what cannot appear as itself."""
    pieces = ['"']
    for character in value:
        if character in '"\\':
            pieces.append("\\" + character)
        elif _NOT_SINGLE_QUOTABLE.match(character):
            code = ord(character)
            pieces.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            pieces.append(character)
    pieces.append('"')
    return "".join(pieces)


def yaml_scalar(value: str, *, flow: bool = False) -> str:
    """``value`` as a YAML scalar that reads back as the same string, in PyYAML (YAML 1.1)
    and in Obsidian (YAML 1.2): plain when that is safe, else single-quoted (double-quoted
    when it holds line breaks or control characters).

    ``flow`` is for an item of a ``[a, b]`` list, where commas end a plain scalar.
    """
    plain_safe = (
        _PLAIN_START.match(value) is not None
        and _PLAIN_FORBIDDEN.search(value) is None
        and _NOT_SINGLE_QUOTABLE.search(value) is None
        and not (flow and "," in value)
    )
    if plain_safe:
        probe = f"[{value}]" if flow else f"k: {value}"
        expected: object = [value] if flow else {"k": value}
        if _round_trips(probe, expected):
            return value
    if _NOT_SINGLE_QUOTABLE.search(value) is not None:
        return _double_quoted(value)
    return "'" + value.replace("'", "''") + "'"


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


def flow_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(yaml_scalar(item, flow=True) for item in items) + "]"


# -- the template ----------------------------------------------------------------------------


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


# -- drafts with nearly the same title -------------------------------------------------------

_NUMBER = re.compile(r"\d+")


@dataclasses.dataclass(frozen=True, slots=True)
class SimilarDraft:
    path: str  # relative to the vault root
    title: str
    score: float  # 0-100


def _draft_titles(vault: Vault, exclude: str | None) -> tuple[list[str], list[str], list[str]]:
    """Comparison keys, paths and titles of every draft of the vault but ``exclude``, from the
    index's map of drafts (kept in step with the notes: nothing is walked here)."""
    keys: list[str] = []
    paths: list[str] = []
    titles: list[str] = []
    for path, (key, title) in vault.index.drafts.items():
        if key and path != exclude:
            keys.append(key)
            paths.append(path)
            titles.append(title)
    return keys, paths, titles


def find_similar_drafts(
    vault: Vault,
    title: str,
    *,
    exclude: str | None = None,
    threshold: float | None = None,
    limit: int = 5,
) -> list[SimilarDraft]:
    """Drafts of the vault whose title is nearly ``title`` (token_sort_ratio on casefolded
    titles >= ``threshold``, by default the ``duplicate_title_similarity`` setting), most
    alike first. Titles that differ in their numbers ("Part 1", "Part 2") are not similar.
    Reads no file: titles come from the vault's index."""
    key = title_key(title)
    if not key:
        return []
    keys, paths, titles = _draft_titles(vault, exclude)
    cutoff = vault.settings.duplicate_title_similarity if threshold is None else threshold
    matches = process.extract(
        key, keys, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=limit * 2
    )
    numbers = _NUMBER.findall(title)
    similar = [
        SimilarDraft(paths[position], titles[position], score)
        for _, score, position in matches
        if _NUMBER.findall(titles[position]) == numbers
    ]
    return similar[:limit]


def similar_drafts(vault: Vault, title: str) -> list[str]:
    """Paths of the drafts whose title is nearly ``title``, most alike first (for
    ``blog-lsp new``, which refuses to create a duplicate)."""
    return [draft.path for draft in find_similar_drafts(vault, title)]


# -- writing ---------------------------------------------------------------------------------


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


def _check_inside(root: Path, path: Path) -> None:
    """``path`` must resolve (symbolic links followed) inside the resolved vault root."""
    resolved = resolve_path(path)  # a symbolic link loop stays where it is: inside
    if resolved != root and not resolved.is_relative_to(root):
        raise UnsafePathError(path, f"it resolves to {resolved}, outside the vault {root}")


def planned_draft_path(
    vault_root: Path, drafts_folder: str, title: str, *, max_length: int = 60
) -> Path:
    """Where :func:`create_draft` would write the draft for ``title``; writes nothing.

    Raises :class:`UnsafePathError` when that place is outside the vault.
    """
    root = Path(vault_root).resolve()
    folder = root
    for part in _folder_parts(drafts_folder):
        # An existing folder spelt another way ('tweets' for 'Tweets'), not a look-alike beside it.
        folder = folder / (_spelt_on_disk(folder, part, folders_only=True) or part)
    path = folder / (filename_for_title(title, max_length) + NOTE_SUFFIX)
    _check_inside(root, folder)
    _check_inside(root, path)
    return path


def _spelt_on_disk(folder: Path, name: str, *, folders_only: bool = False) -> str | None:
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


def existing_file(path: Path) -> Path | None:
    """The file at ``path``, or one in the same folder whose name differs only in case or
    Unicode form (Obsidian's links ignore case, so the two would be confused), or a dangling
    link there."""
    if path.exists() or path.is_symlink():
        return path
    found = _spelt_on_disk(path.parent, path.name)
    return None if found is None else path.parent / found


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


def create_draft(
    vault_root: Path,
    drafts_folder: str,
    title: str,
    *,
    today: datetime.date,
    tags: Sequence[str] = (),
    description: str = "",
    blog_tag: str = "blog",
    max_length: int = 60,
) -> Path:
    """Write a new draft for ``title`` into the drafts folder and return its path.

    Never overwrites (:class:`DraftExistsError`), never writes outside the vault
    (:class:`UnsafePathError`); other failures raise :class:`DraftError`.
    """
    root = Path(vault_root).resolve()
    if not root.is_dir():
        raise DraftError(f"The vault folder {vault_root} does not exist.")
    problem = blank_title_problem(title)
    if problem is not None:
        raise DraftError(problem[:1].upper() + problem[1:] + ".")
    path = planned_draft_path(root, drafts_folder, title, max_length=max_length)
    text = render_checked_draft(
        title, today=today, tags=tags, description=description, blog_tag=blog_tag
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DraftError(
            f"Could not create the drafts folder {path.parent}: {error.strerror or error}."
        ) from error
    # Checked again now the folder exists: a link created meanwhile must not lead outside.
    _check_inside(root, path.parent)
    existing = existing_file(path)
    if existing is not None:
        raise DraftExistsError(existing, root)
    try:
        # Mode "x" is O_CREAT | O_EXCL: it fails on any existing file, even a dangling link.
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError as error:
        raise DraftExistsError(path, root) from error
    except OSError as error:
        raise DraftError(f"Could not write the draft {path}: {error.strerror or error}.") from error
    return path


__all__ = [
    "FORBIDDEN_CHARACTERS",
    "MINOR_WORDS",
    "UNTITLED",
    "DraftError",
    "DraftExistsError",
    "SimilarDraft",
    "UnsafePathError",
    "blank_title_problem",
    "clean_filename",
    "clean_line",
    "comparable_stem",
    "create_draft",
    "draft_tags",
    "existing_file",
    "exists_message",
    "filename_for_title",
    "find_similar_drafts",
    "flow_list",
    "heading_text",
    "is_reserved_name",
    "is_title_case",
    "obsidian_tag",
    "planned_draft_path",
    "render_checked_draft",
    "render_draft",
    "render_frontmatter",
    "similar_drafts",
    "title_case",
    "title_case_problems",
    "truncate_at_word",
    "yaml_scalar",
]
