"""The framework of the checks: the context they share, the registry, and check_note.

A check is a small function from a parsed note (plus the vault) to findings; it is declared
with :func:`makes`, naming the rules it reports, and listed in its module's ``CHECKS``. The
first part of a rule's code names that module: ``frontmatter-date`` comes from
``checks/frontmatter.py``, ``link-unresolved`` from ``checks/links.py`` (see
:data:`CHECK_MODULES`).

A check yields findings at their rule's default severity; :func:`check_note` then applies the
settings (a severity per rule, or 'off') and sorts the result. Checks never raise for bad
input: a check that fails is logged and skipped, so one bug cannot hide every other finding.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from blog_lsp.findings import MAX_FINDINGS_PER_NOTE, Finding, Fix, Severity
from blog_lsp.rules import RULES
from blog_lsp.settings import Settings
from blog_lsp.text import START, Range
from blog_lsp.vault.files import read_note_file, warn_once
from blog_lsp.vault.model import Note
from blog_lsp.vault.vault import Vault

if TYPE_CHECKING:
    from blog_lsp.spelling import BritishSpelling, TypoChecker

log = logging.getLogger(__name__)


class SpellingEngines:
    """The spelling engines of one vault under one set of settings and word lists. They take
    a moment to build, so they are built on first use, once (under a lock: two workers may
    ask at the same time), and shared by every check of that vault on any thread. A change to
    the settings or to a word list calls for new engines."""

    def __init__(self, vault: Vault) -> None:
        self.root = vault.root
        self.settings = vault.settings
        self._lock = threading.Lock()
        self._british: BritishSpelling | None = None
        self._typos: TypoChecker | None = None

    @property
    def british(self) -> BritishSpelling:
        with self._lock:
            if self._british is None:
                from blog_lsp.spelling import BritishSpelling

                self._british = BritishSpelling(
                    mode=self.settings.spelling_mode, accepted_words=self.accepted_words()
                )
            return self._british

    @property
    def typos(self) -> TypoChecker:
        with self._lock:
            if self._typos is None:
                from blog_lsp.spelling import TypoChecker

                self._typos = TypoChecker(
                    known_words=self.accepted_words(), mode=self.settings.spelling_mode
                )
            return self._typos

    def accepted_words(self) -> list[str]:
        """Words from the settings and from the vault's and the user's word lists."""
        words = list(self.settings.accepted_words)
        for path in word_list_paths(self.root, self.settings):
            words.extend(read_word_list(path, self.settings.max_file_size))
        return words


@dataclass(frozen=True)
class CheckContext:
    """What the checks of one note share: the vault at one moment (never changed: see
    :class:`Vault`) and the spelling engines (built for the vault when not given)."""

    vault: Vault
    engines: SpellingEngines = field(default=None, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.engines is None:
            object.__setattr__(self, "engines", SpellingEngines(self.vault))

    @property
    def vault_ready(self) -> bool:
        """False while the first scan is under way: checks that need the whole vault (links,
        typos, duplicate drafts) wait for the complete index rather than report false alarms."""
        return self.vault.complete

    @property
    def settings(self) -> Settings:
        return self.vault.settings

    @property
    def british(self) -> BritishSpelling:
        return self.engines.british

    @property
    def typos(self) -> TypoChecker:
        return self.engines.typos

    def accepted_words(self) -> list[str]:
        return self.engines.accepted_words()

    def applies(self, scope: str, note: Note) -> bool:
        if scope == "drafts":
            return self.vault.is_draft(note)
        return True

    def spelling_applies(self, note: Note) -> bool:
        return self.settings.spelling_scope == "vault" or self.vault.is_draft(note)


def word_list_paths(root: Path, settings: Settings) -> list[Path]:
    """The vault's word list and the user's, in that order."""
    paths = [root / settings.word_list]
    if settings.user_word_list:
        paths.append(Path(settings.user_word_list).expanduser())
    return paths


def read_word_list(path: Path, max_size: int) -> list[str]:
    """The words of a word list, one a line ('#' starts a comment line). A list that is not
    there has none; one that cannot be read as text has none either, and a warning names it,
    once for each version of the file (contexts are built again and again in the server)."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        warn_once(("word list", str(path)), "the word list %s cannot be read: %s", path, error)
        return []
    result = read_note_file(path, max_size)  # the one reader: regular files, size limit
    if result.text is not None:
        text = result.text
        return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    code = result.problem[0] if result.problem else None
    why = result.skipped or _WORD_LIST_PROBLEMS.get(code or "", "cannot be read")
    version = ("word list", str(path), info.st_mtime_ns, info.st_size)
    warn_once(version, "the word list %s %s: its words are not used", path, why)
    return []


_WORD_LIST_PROBLEMS = {
    "file-encoding": "is not UTF-8 text",
    "file-too-large": "is larger than max_file_size",
}


def finding(code: str, where: Range, message: str, *fixes: Fix | None, **data: Any) -> Finding:
    """A finding at its rule's default severity, with its fixes (a None is no fix)."""
    found = tuple(fix for fix in fixes if fix is not None)
    return Finding(where, RULES[code].severity, code, message, found, data)


Check = Callable[[Note, CheckContext], Iterable[Finding]]

# The modules of blog_lsp.checks that hold checks, in the order their checks run. Each is
# named after the first part of its rules' codes (or its plural: 'link-' -> links).
CHECK_MODULES = (
    "files",
    "frontmatter",
    "filename",
    "british",
    "spelling",
    "text",
    "seo",
    "structure",
    "code",
    "duplicates",
    "links",
    "jargon",
)

_RULES_OF: dict[Check, tuple[str, ...]] = {}


def makes(*codes: str) -> Callable[[Check], Check]:
    """Declare a check and the rules it reports (their codes, from :data:`RULES`)."""
    unknown = [code for code in codes if code not in RULES]
    if unknown:
        raise ValueError(f"no such rule: {', '.join(unknown)}")

    def declare(check: Check) -> Check:
        _RULES_OF[check] = codes
        return check

    return declare


def rules_of(check: Check) -> tuple[str, ...]:
    """The codes a check declared with :func:`makes` (none for an undeclared one)."""
    return _RULES_OF.get(check, ())


@cache
def _modules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"blog_lsp.checks.{name}") for name in CHECK_MODULES)


def all_checks() -> list[Check]:
    """Every check, module by module (each module's ``CHECKS``, read at every call)."""
    return [check for module in _modules() for check in module.CHECKS]


def _scoped(scope: str) -> list[Check]:
    return [
        check
        for check in all_checks()
        if rules_of(check) and all(RULES[code].scope == scope for code in rules_of(check))
    ]


def draft_checks() -> list[Check]:
    """The checks whose every rule is for blog drafts only."""
    return _scoped("drafts")


def check_note(note: Note, context: CheckContext) -> list[Finding]:
    """Every finding for one fully parsed note, with the configured severities, sorted; at
    most :data:`MAX_FINDINGS_PER_NOTE` of them (the most serious, then the first), and then one
    findings-truncated finding that counts the rest."""
    rules = context.settings.rules
    results: list[Finding] = []
    for check in _checks_for(note):
        try:
            found = list(check(note, context))
        except Exception:  # one faulty check must not hide every other finding
            log.exception("check %s failed on %s", getattr(check, "__name__", check), note.path)
            continue
        results.extend(item for item in map(partial(configured, rules), found) if item)
    if len(results) > MAX_FINDINGS_PER_NOTE:
        results.sort(key=_most_serious_first)
        summary = configured(rules, _truncated(results[MAX_FINDINGS_PER_NOTE:]))
        del results[MAX_FINDINGS_PER_NOTE:]
        if summary is not None:
            results.append(summary)
    results.sort(key=Finding.sort_key)
    return results


def configured(rules: Mapping[str, str], item: Finding) -> Finding | None:
    """A finding at the severity the settings give its rule; None when they turn it off: the
    one severity logic of every rule, those of notes and of the settings alike."""
    configured = rules.get(item.code)
    if configured is None:
        return item
    if configured == "off":
        return None
    return item.with_severity(Severity.parse(configured))


def _most_serious_first(item: Finding) -> tuple[int, int, int, str]:
    return (-item.severity, *item.sort_key())


def _truncated(left_out: list[Finding]) -> Finding:
    counts = Counter(item.code for item in left_out)
    detail = ", ".join(f"{count:,} {code}" for code, count in counts.most_common())
    return finding(
        "findings-truncated",
        START,
        f"{len(left_out):,} more findings are not shown ({detail}): blog-lsp shows at most "
        f"{MAX_FINDINGS_PER_NOTE:,} a note, the most serious first. Fix these to see the rest.",
        left_out=len(left_out),
    )


def _checks_for(note: Note) -> list[Check]:
    """A note that could not be read has no text: only the rules for every note apply to it
    (the draft rules would judge an empty draft)."""
    return _scoped("notes") if note.problem is not None else all_checks()


__all__ = [
    "CHECK_MODULES",
    "MAX_FINDINGS_PER_NOTE",
    "START",
    "Check",
    "CheckContext",
    "SpellingEngines",
    "all_checks",
    "check_note",
    "draft_checks",
    "finding",
    "makes",
    "read_word_list",
    "rules_of",
    "word_list_paths",
]
