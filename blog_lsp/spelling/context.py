"""Rules for words whose British form depends on the sentence around them.

Each rule sees the prose and the word's span and returns a :class:`Suggestion`, or None when
the context does not make it sure. They are deliberately conservative: a missed hint costs
less than a wrong "fix" in a published post.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from blog_lsp.spelling.words import next_word, previous_word

SPELLING: Final = "british-spelling"
STYLE: Final = "british-style"


@dataclass(frozen=True, slots=True)
class Suggestion:
    replacement: str
    """Lower-case; the caller restores the word's case."""
    code: str
    reason: str


# (prose, start, end, tail) -> Suggestion | None; tail is what follows an apostrophe ('s).
ContextRule = Callable[[str, int, int, str], "Suggestion | None"]

DETERMINERS: Final = frozenset(
    {"a", "an", "the", "this", "these", "those", "my", "your", "our", "their", "his", "her",
     "its", "any", "no", "each", "every", "another", "whose", "same", "own", "which", "what"}
)  # fmt: skip
# Words that make "license" a noun when they stand just before it.
LICENCE_MODIFIERS: Final = frozenset(
    {"mit", "apache", "bsd", "gpl", "lgpl", "agpl", "mpl", "isc", "cc", "commons", "source",
     "software", "commercial", "permissive", "copyleft", "proprietary", "driving", "user",
     "end-user", "academic", "research", "restrictive", "noncommercial", "model",
     "code", "original", "compatible", "different", "new", "standard", "free", "weights",
     "data", "content", "usage", "valid", "expired", "trial", "enterprise", "perpetual",
     "creative", "open", "separate", "custom", "non-commercial", "llama", "community",
     "dataset", "datasets", "library", "package", "project", "repository", "repo", "font",
     "image", "photo", "music", "corpus", "checkpoint", "checkpoints", "library's", "under"}
)  # fmt: skip
# Words after "license" that make it a noun: the license is, the license terms.
LICENCE_FOLLOWERS: Final = frozenset(
    {"is", "was", "are", "were", "has", "had", "allows", "permits", "requires", "grants",
     "lets", "covers", "applies", "says", "states", "forbids", "prohibits", "restricts",
     "terms", "file", "files", "key", "keys", "fee", "fees", "agreement", "agreements", "text",
     "holder", "holders", "plate", "compatibility", "restrictions", "conditions", "notice",
     "header", "headers", "server", "cost", "costs", "clause", "clauses", "change", "changes"}
)  # fmt: skip
# Words before "licence" that make it a verb: we licence, to licence, can licence.
LICENSING_SUBJECTS: Final = frozenset(
    {"i", "we", "you", "they", "to", "can", "could", "will", "would", "shall", "should",
     "must", "may", "might", "cannot", "please", "and", "or", "don't", "doesn't", "didn't"}
)  # fmt: skip

MODALS_AND_SUBJECTS: Final = frozenset(
    {"can", "could", "will", "would", "shall", "should", "must", "may", "might", "cannot",
     "can't", "won't", "wouldn't", "shouldn't", "couldn't", "mustn't", "didn't", "don't",
     "doesn't", "do", "does", "did", "let's", "i", "we", "you", "they", "i'll", "we'll",
     "you'll", "they'll"}
)  # fmt: skip
# "... to practice" is a verb after these; after others it may be a noun (theory to practice).
VERB_BEFORE_TO: Final = frozenset(
    {"want", "wants", "wanted", "need", "needs", "needed", "have", "has", "had", "how", "way",
     "ways", "time", "going", "able", "try", "tries", "tried", "trying", "continue", "start",
     "started", "begin", "began", "like", "love", "easy", "easier", "hard", "harder",
     "important", "ready", "chance", "opportunity", "ought", "used", "learn", "remember",
     "help", "helps", "decided", "plan", "plans", "forget", "encouraged", "allowed"}
)  # fmt: skip
THIRD_PERSON_SUBJECTS: Final = frozenset({"he", "she", "it", "who"})

NUMBER_WORDS: Final = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
     "thousands", "million", "millions", "few", "several", "many", "square", "cubic", "per",
     "half", "dozen"}
)  # fmt: skip

# "a meter of cable", "a meter long": the unit, as after a number.
METRE_AFTER: Final = frozenset(
    {"of", "long", "wide", "tall", "high", "deep", "away", "apart", "thick", "square", "per",
     "across", "below", "above", "in"}
)  # fmt: skip
# "in meters", "to meters": the plural unit after these.
METRES_BEFORE: Final = frozenset({"in", "into", "to", "of", "per", "within", "by"})

# "a while", "for a while", "worth while", "all the while": the noun, not the conjunction.
WHILE_NOUN_BEFORE: Final = frozenset(
    {"a", "the", "this", "that", "little", "short", "long", "good", "great", "whole", "worth",
     "all", "quite", "some", "any", "another", "brief", "mean"}
)  # fmt: skip
# "while loop", "while statement": the keyword.
WHILE_KEYWORD_AFTER: Final = frozenset(
    {"loop", "loops", "statement", "statements", "block", "blocks", "clause", "clauses",
     "keyword", "true", "condition", "construct"}
)  # fmt: skip

PERFECT_OR_SUBJECT: Final = frozenset(
    {"i", "we", "you", "they", "he", "she", "it", "who", "have", "has", "had", "having",
     "i've", "we've", "you've", "they've", "i'd", "we'd", "you'd", "they'd", "he'd", "she'd",
     "who've", "haven't", "hasn't", "hadn't", "never", "already", "just", "finally"}
)  # fmt: skip

# "math" is the name of things in code and markup ("the math module", "math mode").
MATH_TECHNICAL_AFTER: Final = frozenset(
    {"module", "modules", "library", "libraries", "lib", "package", "mode", "block", "blocks",
     "environment", "environments", "tag", "tags", "function", "functions", "operator",
     "operators", "object", "import", "namespace", "class", "type", "font", "fonts", "plugin",
     "extension", "rendering", "renderer", "markup", "delimiters", "syntax", "api", "kernel"}
)  # fmt: skip


def _is_number(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS


def _licence(noun: str) -> ContextRule:
    """license -> licence for the noun; the verb is license in British English too."""

    def rule(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
        previous, _ = previous_word(prose, start, skip_numbers=True)
        is_noun = (
            tail in ("'s", "’s")
            or previous in DETERMINERS
            or previous in LICENCE_MODIFIERS
            or (not tail and next_word(prose, end) in LICENCE_FOLLOWERS)
        )
        if not is_noun:
            return None
        return Suggestion(noun, SPELLING, "British spelling uses 'licence' for the noun")

    return rule


def _license(verb: str, subjects: frozenset[str]) -> ContextRule:
    """licence -> license for the verb (we license the code); the noun stays licence."""

    def rule(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
        if tail:
            return None
        previous, _ = previous_word(prose, start)
        if previous not in subjects or next_word(prose, end) in LICENCE_FOLLOWERS:
            return None
        return Suggestion(verb, SPELLING, "British spelling uses 'license' for the verb")

    return rule


def _practise(verb: str, subjects: frozenset[str]) -> ContextRule:
    """practice -> practise for the verb (to practise, we practise); the noun stays."""

    def rule(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
        if tail:
            return None
        previous, previous_start = previous_word(prose, start)
        if previous == "to":
            before_to, _ = previous_word(prose, previous_start)
            is_verb = before_to in VERB_BEFORE_TO
        else:
            is_verb = previous in subjects
        if not is_verb:
            return None
        return Suggestion(verb, SPELLING, "British spelling uses 'practise' for the verb")

    return rule


def _metre(unit: str) -> ContextRule:
    """meter -> metre for the unit: after a number (5 meters, a 10-meter run), as "a meter of
    cable" or "a meter long", and as "in meters"; a meter that measures stays."""

    def rule(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
        if tail:
            return None
        previous, _ = previous_word(prose, start)
        following = next_word(prose, end)
        plural = unit.endswith("s")
        is_unit = (
            _is_number(previous)
            or (not plural and previous in ("a", "one", "per") and following in METRE_AFTER)
            or (plural and previous in METRES_BEFORE)
        )
        if not is_unit:
            return None
        return Suggestion(unit, SPELLING, "British spelling uses 'metre' for the unit")

    return rule


def _whilst(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
    if tail or (end < len(prose) and prose[end] == "-"):
        return None
    previous, _ = previous_word(prose, start)
    if previous in WHILE_NOUN_BEFORE or next_word(prose, end) in WHILE_KEYWORD_AFTER:
        return None
    return Suggestion("whilst", STYLE, "British writing prefers 'whilst' as a conjunction")


def _amongst(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
    if tail:
        return None
    return Suggestion("amongst", STYLE, "British writing often prefers 'amongst'")


def _learnt(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
    """learned -> learnt only as a past tense after a subject or have (we learned, has learned).

    "learned embeddings" and "a learned scholar" are adjectives and stay.
    """
    if tail:
        return None
    previous, _ = previous_word(prose, start)
    if previous not in PERFECT_OR_SUBJECT:
        return None
    return Suggestion("learnt", STYLE, "British English often uses 'learnt' for the past tense")


def _spelt(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
    if tail:
        return None
    return Suggestion("spelt", STYLE, "British English often uses 'spelt' for the past tense")


def _maths(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
    if tail or next_word(prose, end) in MATH_TECHNICAL_AFTER:
        return None
    previous, _ = previous_word(prose, start)
    if previous in ("import", "python's", "javascript's"):
        return None
    return Suggestion("maths", STYLE, "British English says 'maths'")


def _holiday(plural: bool) -> ContextRule:
    """vacation -> holiday (on vacation, a vacation, vacation days): British English says
    holiday; "vacation" is kept for a university's vacations, so this is a hint."""

    def rule(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
        replacement = "holidays" if plural else "holiday"
        return Suggestion(replacement, STYLE, "British English says 'holiday' for 'vacation'")

    return rule


def _got(prose: str, start: int, end: int, tail: str) -> Suggestion | None:
    """have gotten -> have got; "ill-gotten" is British too."""
    if tail:
        return None
    previous, _ = previous_word(prose, start)
    if previous == "ill":
        return None
    return Suggestion("got", STYLE, "British English uses 'got' rather than 'gotten'")


# Lower-case word -> the rule that decides it.
CONTEXT_RULES: Final[dict[str, ContextRule]] = {
    "license": _licence("licence"),
    "licenses": _licence("licences"),
    "licence": _license("license", LICENSING_SUBJECTS),
    "licences": _license("licenses", THIRD_PERSON_SUBJECTS),
    "practice": _practise("practise", MODALS_AND_SUBJECTS),
    "practices": _practise("practises", THIRD_PERSON_SUBJECTS),
    "meter": _metre("metre"),
    "meters": _metre("metres"),
    "while": _whilst,
    "among": _amongst,
    "learned": _learnt,
    "spelled": _spelt,
    "math": _maths,
    "gotten": _got,
    "vacation": _holiday(plural=False),
    "vacations": _holiday(plural=True),
}
