"""The one settings schema.

Every setting is a field of :class:`Settings`, with its description and allowed values in the
field's metadata. The same schema reads `.blog-lsp.toml` (snake_case keys), editor settings
(camelCase keys under the ``blogLsp`` section), generates the README table and the VS Code
``contributes.configuration``. A bad value never raises: it becomes a :class:`SettingProblem`
and the default stays in force.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blog_lsp.findings import SEVERITY_NAMES
from blog_lsp.rules import RULES

CONFIG_FILENAME = ".blog-lsp.toml"
EDITOR_SECTION = "blogLsp"

SPEC_TAG_VOCABULARY = (
    "blog", "ML", "AI", "LLM", "transformers", "fine-tuning", "RAG", "embeddings", "NLP",
    "computer-vision", "deep-learning", "machine-learning", "tutorial", "guide", "how-to",
    "beginner", "intermediate", "advanced", "practical", "theory", "implementation",
    "code-example", "walkthrough", "explanation",
)  # fmt: skip

# Acronyms every reader of a technical blog knows: jargon-undefined never asks for them to be
# spelled out.
KNOWN_ACRONYMS = (
    "AI", "ML", "LLM", "NLP", "GPU", "CPU", "TPU", "API", "URL", "HTTP", "HTTPS", "HTML",
    "CSS", "JSON", "YAML", "XML", "CSV", "SQL", "PDF", "CLI", "GUI", "UI", "UX", "OS", "RAM",
    "SSD", "USB", "IO", "ID", "OK", "FAQ", "PR", "CI", "CD", "IDE", "SDK", "TCP", "IP", "DNS",
    "SSH", "TLS", "SSL", "UTC", "ASCII", "UTF", "KB", "MB", "GB", "TB", "RGB", "US", "UK",
    "EU", "USA", "CEO", "CTO", "PC", "TV", "AM", "PM", "AWS", "GCP", "CUDA", "NVIDIA", "GPT",
    "MIT", "BSD", "GPL", "ISO", "DIY", "FYI",
)  # fmt: skip

SPEC_ACTION_WORDS = (
    "Learn", "Discover", "Master", "Build", "Explore", "Understand", "Create", "Find", "Get",
    "See", "Try", "Use", "Unlock", "Boost", "Improve", "Deploy", "Train", "Implement",
    "Fine-tune", "Optimise", "Speed", "Cut", "Write", "Design", "Compare", "Choose", "Avoid",
    "Start", "Dive", "Demystify", "Run", "Scale", "Serve", "Debug", "Measure", "Make",
)  # fmt: skip


def _setting(default: Any, description: str, **extra: Any) -> Any:
    """A dataclass field carrying the schema: description, allowed values, bounds."""
    metadata = {"description": description, **extra}
    if isinstance(default, (list, dict)):
        factory = default.copy
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    drafts_folder: str = _setting(
        "Tweets",
        "Folder, relative to the vault root, that holds blog drafts. Notes with 'type: Blog' "
        "count as drafts wherever they are.",
    )
    spelling_mode: str = _setting(
        "ise",
        "British spelling variant: 'ise' (optimise, organise) or 'oxford' (optimize, organize; "
        "-yse, -our, -re and the rest are still British).",
        choices=("ise", "oxford"),
    )
    spelling_scope: str = _setting(
        "vault",
        "Where British spelling and typo checks run: every note in the 'vault', or only 'drafts'.",
        choices=("vault", "drafts"),
    )
    accepted_words: list[str] = _setting(
        [], "Words never reported by the spelling checks (names, jargon, product names)."
    )
    word_list: str = _setting(
        ".blog-lsp-words.txt",
        "The vault's word list, one word a line, relative to the vault root. "
        "'Add to the vault dictionary' writes here.",
    )
    user_word_list: str = _setting(
        "~/.config/blog-lsp/words.txt",
        "Your own word list, one word a line, shared by all vaults.",
    )
    required_fields: list[str] = _setting(
        ["type", "title", "date", "tags", "description", "status"],
        "Frontmatter fields every blog draft must have.",
    )
    status_values: list[str] = _setting(
        ["draft", "review", "published"], "Allowed values of a draft's 'status' field."
    )
    blog_tag: str = _setting("blog", "The tag every blog draft carries.")
    tag_vocabulary: list[str] = _setting(
        list(SPEC_TAG_VOCABULARY),
        "Tags suggested for drafts besides the tags already used in the vault.",
    )
    known_acronyms: list[str] = _setting(
        list(KNOWN_ACRONYMS),
        "Acronyms every reader knows: jargon-undefined never asks for them to be spelled out "
        "(add your field's, or set your own list).",
    )
    action_words: list[str] = _setting(
        list(SPEC_ACTION_WORDS),
        "Words an SEO description may start with (Learn, Discover, Master...).",
    )
    description_max_length: int = _setting(
        160, "Longest SEO description, in characters.", minimum=1
    )
    description_min_length: int = _setting(
        70, "SEO descriptions shorter than this get a hint.", minimum=0
    )
    title_max_length: int = _setting(60, "Longest title, in characters.", minimum=1)
    filename_max_length: int = _setting(
        60, "Longest draft filename (without '.md'), in characters.", minimum=1
    )
    duplicate_title_similarity: int = _setting(
        90,
        "How alike two draft titles must be (0-100) to be reported as duplicates.",
        minimum=0,
        maximum=100,
    )
    duplicate_content_similarity: int = _setting(
        40,
        "How much of a draft's wording (the share of its three-word phrases, 0-100) another "
        "draft must hold for the two to be reported as duplicates.",
        minimum=0,
        maximum=100,
    )
    ignore: list[str] = _setting(
        [],
        "Glob patterns, relative to the vault root, of files and folders to skip "
        "(for example 'Templates/**').",
    )
    max_file_size: int = _setting(
        2_000_000, "Notes larger than this many bytes are skipped.", minimum=1
    )
    cache: bool = _setting(
        True,
        "Keep the vault's index in your user cache folder (never in the vault), so that the "
        "next start re-reads only the notes that changed. See 'The index cache' in the README.",
    )
    rules: dict[str, str] = _setting(
        {},
        "Severity per rule code: 'error', 'warning', 'information', 'hint' or 'off'.",
        value_choices=(*SEVERITY_NAMES, "off"),
    )


SETTING_FIELDS: dict[str, dataclasses.Field[Any]] = {
    f.name: f for f in dataclasses.fields(Settings)
}
DEFAULTS = Settings()


@dataclass(frozen=True, slots=True)
class SettingProblem:
    """A setting that was ignored, and why. ``line`` is 0-based where the source is a file."""

    source: str
    key: str
    message: str
    line: int | None = None


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake_case(name: str) -> str:
    return _CAMEL_BOUNDARY.sub("_", name).replace("-", "_").lower()


def _describe_type(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _coerce(name: str, value: Any) -> tuple[Any, str | None]:
    """The value converted to the setting's type, or an error message naming what was wrong."""
    meta = SETTING_FIELDS[name].metadata
    expected = type(getattr(DEFAULTS, name))
    if expected is bool:
        if not isinstance(value, bool):
            return None, f"expects true or false, not {_describe_type(value)} {value!r}"
        return value, None
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"expects a whole number, not {_describe_type(value)} {value!r}"
        if "minimum" in meta and value < meta["minimum"]:
            return None, f"must be at least {meta['minimum']}, not {value}"
        if "maximum" in meta and value > meta["maximum"]:
            return None, f"must be at most {meta['maximum']}, not {value}"
        return value, None
    if expected is str:
        if not isinstance(value, str):
            return None, f"expects text, not {_describe_type(value)} {value!r}"
        choices = meta.get("choices")
        if choices and value not in choices:
            return None, f"must be one of {', '.join(repr(c) for c in choices)}, not {value!r}"
        return value, None
    if expected is list:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            return None, f"expects a list of text, not {_describe_type(value)} {value!r}"
        return list(value), None
    if expected is dict:
        if not isinstance(value, Mapping):
            return None, f"expects a table of rule = severity, not {_describe_type(value)}"
        # A bad entry is reported; the good entries beside it still apply.
        allowed = meta["value_choices"]
        good: dict[str, str] = {}
        errors: list[str] = []
        for rule, severity in value.items():
            if rule not in RULES:
                errors.append(f"names an unknown rule {rule!r}{_did_you_mean(rule, RULES)}")
            elif not isinstance(severity, str) or severity.lower() not in allowed:
                errors.append(
                    f"gives rule {rule!r} the severity {severity!r}; "
                    f"use one of {', '.join(allowed)}"
                )
            else:
                good[rule] = severity.lower()
        return good, "; ".join(errors) or None
    return None, "has a type blog-lsp does not know"  # pragma: no cover - schema is closed


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    from difflib import get_close_matches

    matches = get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


def _flatten(values: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Accept nested tables ([spelling] mode = ...) as well as flat keys (spelling_mode)."""
    flat: dict[str, Any] = {}
    for key, value in values.items():
        name = f"{prefix}_{snake_case(key)}" if prefix else snake_case(str(key))
        if isinstance(value, Mapping) and name not in SETTING_FIELDS:
            flat.update(_flatten(value, name))
        else:
            flat[name] = value
    return flat


def merge(
    sources: Iterable[tuple[str, Mapping[str, Any]]],
    base: Settings = DEFAULTS,
    *,
    lines: Mapping[str, Mapping[str, int]] | None = None,
) -> tuple[Settings, list[SettingProblem]]:
    """Apply each source's values over ``base`` in turn; later sources win.

    ``rules`` tables are merged rule by rule rather than replaced, so an editor setting for one
    rule does not undo the vault's settings for the others.
    """
    changes: dict[str, Any] = {}
    problems: list[SettingProblem] = []
    for source, values in sources:
        if not isinstance(values, Mapping):
            problems.append(SettingProblem(source, "", "settings must be a table of key = value"))
            continue
        key_lines = (lines or {}).get(source, {})
        for key, value in _flatten(values).items():
            if key not in SETTING_FIELDS:
                problems.append(
                    SettingProblem(
                        source,
                        key,
                        f"unknown setting {key!r}{_did_you_mean(key, SETTING_FIELDS)}",
                        key_lines.get(key),
                    )
                )
                continue
            coerced, error = _coerce(key, value)
            if error:
                problems.append(
                    SettingProblem(source, key, f"setting {key!r} {error}", key_lines.get(key))
                )
            if coerced is None:
                continue
            if key == "rules":
                coerced = {**changes.get("rules", base.rules), **coerced}
            changes[key] = coerced
    return dataclasses.replace(base, **changes), problems


_TOML_KEY = re.compile(r"^\s*\[?\s*([A-Za-z0-9_.\-\"']+)")


def _key_lines(text: str) -> dict[str, int]:
    """Line of each top-level key or table in a TOML text, to point problems at the right line."""
    found: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if stripped.startswith("["):
            table = snake_case(stripped.strip("[] ").strip("\"'"))
            found.setdefault(table, number)
            continue
        match = _TOML_KEY.match(line)
        if match and "=" in line:
            key = snake_case(match.group(1).strip("\"'"))
            found.setdefault(f"{table}_{key}" if table and table != "rules" else key, number)
    return found


def _read_config_text(path: Path) -> tuple[str | None, SettingProblem | None]:
    """The text of a config file, or the problem that keeps blog-lsp from reading it."""
    name = path.name

    def problem(message: str) -> tuple[None, SettingProblem]:
        return None, SettingProblem(name, "", message)

    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return problem(
                f"{name} is a folder, not a file: blog-lsp reads its settings from a TOML file "
                "of that name, so the defaults apply."
            )
        if not stat.S_ISREG(mode):  # a named pipe would block the read for ever
            return problem(
                f"{name} is not a regular file (a pipe, socket or device): blog-lsp does not "
                "read it, so the defaults apply."
            )
        data = path.read_bytes()
    except OSError as error:
        return problem(f"cannot read {name}: {error.strerror or error}; its settings are not used.")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return problem(
            f"cannot read {name}: it is not UTF-8 text (byte 0x{data[error.start]:02x} at "
            f"offset {error.start}); save it as UTF-8 to have its settings used."
        )


def _parse_config(name: str, text: str) -> tuple[dict[str, Any], list[SettingProblem]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib

    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        return {}, [
            SettingProblem(
                name, "", f"{name} is not valid TOML: {error}", line - 1 if line else None
            )
        ]


def load(
    config_path: Path | None,
    editor_settings: Mapping[str, Any] | None = None,
) -> tuple[Settings, list[SettingProblem]]:
    """Defaults, then the vault's config file, then editor settings (which win). A config
    path that holds anything (a folder, a pipe, a broken link too) is read or reported."""
    sources: list[tuple[str, Mapping[str, Any]]] = []
    problems: list[SettingProblem] = []
    lines: dict[str, dict[str, int]] = {}
    if config_path is not None and os.path.lexists(config_path):
        text, problem = _read_config_text(config_path)
        if problem is not None:
            problems.append(problem)
        if text is not None:
            values, parse_problems = _parse_config(config_path.name, text)
            problems.extend(parse_problems)
            sources.append((config_path.name, values))
            lines[config_path.name] = _key_lines(text)
    if editor_settings:
        sources.append(("editor settings", editor_settings))
    settings, merge_problems = merge(sources, lines=lines)
    return settings, problems + merge_problems


def schema() -> list[dict[str, Any]]:
    """The schema as plain data: for the README table and VS Code's contributes.configuration."""
    rows = []
    for name, setting in SETTING_FIELDS.items():
        default = getattr(DEFAULTS, name)
        row: dict[str, Any] = {
            "key": name,
            "editorKey": f"{EDITOR_SECTION}.{camel_case(name)}",
            "type": {bool: "boolean", str: "string", int: "integer", list: "array", dict: "object"}[
                type(default)
            ],
            "default": default,
            "description": setting.metadata["description"],
        }
        for extra in ("choices", "minimum", "maximum", "value_choices"):
            if extra in setting.metadata:
                row[extra] = (
                    list(setting.metadata[extra])
                    if extra.endswith("choices")
                    else (setting.metadata[extra])
                )
        rows.append(row)
    return rows
