"""A note's words as the relevance engine weighs them: what a note is about.

Only what a reader reads counts: the prose of a fully parsed note (its title and description,
headings and paragraphs; the parser's prose mask blanks code, URLs, link targets, tags and
frontmatter keys). The title counts three times and each heading twice, as search engines
weigh them. Words are lower-cased, common English words and the blog template's own headings
are left out, plurals fold into their singular ('embeddings' -> 'embedding') and '-ize' into
'-ise', so that 'optimize' and 'optimise' are one word.

A note's terms are kept as one string, ``"term\\ncount\\n..."``: ten thousand notes of a few
hundred terms each would otherwise be millions of small objects, in memory and in the index
cache, read only when the note changes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from blog_lsp.vault.model import Note

# Letters, with inner apostrophes and hyphens kept out (fine-tuning is 'fine' and 'tuning').
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
TITLE_WEIGHT = 3
HEADING_WEIGHT = 2
MIN_LENGTH = 2  # 'kv', 'ml': acronyms count, single letters do not

STOPWORDS = frozenset(
    """a about above after again against all almost also although always am among amongst an
    and another any anyone anything are aren't around as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't
    doing don't done down during each either else enough etc even ever every few for from
    further get gets getting go goes going got had hadn't has hasn't have haven't having he
    her here hers herself him himself his how however i i'm i've if in into is isn't it it's
    its itself just let let's like made make makes many may me might more most much must my
    myself need needs never no nor not now of off often on once one only onto or other others
    our ours ourselves out over own per quite rather really same see seen shall she should
    shouldn't since so some something such than that that's the their theirs them themselves
    then there there's these they they're thing things this those though through thus to too
    two under until up upon us use used uses using very via was wasn't way we we'll we're
    we've well were weren't what when where whether which while whilst who whom whose why
    will with within without won't would wouldn't yet you you'll you're you've your yours
    yourself yourselves
    introduction conclusion related tags""".split()
)

_IZE = re.compile(r"iz(e|es|ed|ing|ation|ations|er|ers)$")
_stems: dict[str, str] = {}
_MAX_STEMS = 200_000  # a bound on the memo: a vault of random words must not fill memory


def stem(word: str) -> str:
    """A lower-case word's indexing form: '-ize' as '-ise', a plural as its singular. Light
    on purpose: a wrong fold ('analysis' -> 'analysi') is harmless as long as every note makes
    the same one, and anything cleverer is slower and still wrong at times."""
    found = _stems.get(word)
    if found is not None:
        return found
    result = word[:-2] if word.endswith("'s") else word
    if len(result) > 4 and "iz" in result:
        result = _IZE.sub(r"is\1", result)
    if len(result) > 3 and result[-1] == "s" and result[-2] not in "suia'":
        result = result[:-3] + "y" if result.endswith("ies") and len(result) > 4 else result[:-1]
    if len(_stems) < _MAX_STEMS:
        _stems[word] = result
    return result


def _lowered(text: str) -> Counter[str]:
    """The words of a text in lower case, counted (each word lowered as the index's
    ``words_of`` does, so that both agree on every script). In C: a scan takes every note."""
    return Counter(map(str.lower, _WORD.findall(text)))


def _add_words(words: Mapping[str, int], weight: int, into: dict[str, int]) -> None:
    get, forms = into.get, _forms
    for word, count in words.items():
        term = forms.get(word, _UNKNOWN)
        if term is _UNKNOWN:
            term = _form(word)
        if term is not None:
            into[term] = get(term, 0) + count * weight


_UNKNOWN = "\0"  # never a word: marks a word not yet seen (compared by identity)
_forms: dict[str, str | None] = {}


def _form(word: str) -> str | None:
    """A lower-case word's term (None for a word left out), remembered."""
    term = None if len(word) < MIN_LENGTH or word in STOPWORDS else stem(word)
    if len(_forms) < _MAX_STEMS:
        _forms[word] = term
    return term


def count_terms(text: str, weight: int = 1, into: dict[str, int] | None = None) -> dict[str, int]:
    """The indexing forms of the words of ``text``, counted (``weight`` times each), in the
    order they first occur."""
    counts: dict[str, int] = into if into is not None else {}
    _add_words(_lowered(text), weight, counts)
    return counts


def _weighted_text(note: Note) -> str:
    """The title and headings once more for each extra time they count. The prose holds the
    title once (the frontmatter value) when there is one; a note without one is titled by
    its filename, which no prose holds."""
    extra = TITLE_WEIGHT - (1 if _has_title(note) else 0)
    parts = [note.title] * extra
    parts.extend(heading.text for heading in note.headings for _ in range(HEADING_WEIGHT - 1))
    return "\n".join(parts)


def note_terms(note: Note, prose: str | None = None) -> dict[str, int]:
    """What a fully parsed note is about, as term counts (see the module's notes); or a
    lightly parsed note, with its ``prose`` (see :func:`~blog_lsp.vault.parse.parse_note_prose`).
    """
    counts = count_terms((note.prose if prose is None else prose) or "")
    return count_terms(_weighted_text(note), 1, counts)


def index_terms(note: Note, prose: str, other: str | None, text: str) -> tuple[str, str]:
    """What the index keeps of a lightly parsed note's words, from one pass over them: its
    encoded terms, from its ``prose``, and the distinct words of its whole ``text`` as
    :func:`~blog_lsp.vault.note_words.words_of` gives them: those of the prose and of ``other``,
    the rest (see :func:`~blog_lsp.vault.parse.parse_note_prose`), or, when ``other`` is
    None (a word runs across their edge), of the text."""
    words = _lowered(prose)
    if other is None:
        distinct = set(map(str.lower, _WORD.findall(text)))
    else:
        distinct = set(words)
        distinct.update(map(str.lower, set(_WORD.findall(other))))
    counts: dict[str, int] = {}
    _add_words(words, 1, counts)
    count_terms(_weighted_text(note), 1, counts)
    return encode_terms(counts), "\n".join(sorted(distinct))


def _has_title(note: Note) -> bool:
    title = note.frontmatter_value("title")
    return isinstance(title, str) and bool(title.strip())


def query_terms(texts: Iterable[str]) -> dict[str, int]:
    """Term counts of free text (a title, words typed): the same forms as a note's."""
    counts: dict[str, int] = {}
    for text in texts:
        count_terms(text, 1, counts)
    return counts


def encode_terms(counts: Mapping[str, int]) -> str:
    """Term counts as one string, in their order (the order words first occur in a note: the
    same in every process, whatever its hash seed)."""
    return "\n".join(f"{term}\n{count}" for term, count in counts.items() if count > 0)


def decode_terms(encoded: str) -> dict[str, int]:
    """The term counts of :func:`encode_terms`'s string (an empty one has none)."""
    if not encoded:
        return {}
    parts = encoded.split("\n")
    return dict(zip(parts[::2], map(int, parts[1::2]), strict=True))
