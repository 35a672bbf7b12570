"""How names of notes, folders and attachments are compared, and what a new filename may hold.

Obsidian matches link targets without regard to case. Names must also match whatever their
Unicode form: macOS often stores 'Café' decomposed (e + U+0301), while a writer types it
composed, and the two would otherwise be two notes that look the same. Invisible format
characters (bidi overrides, zero-width spaces) are left out of the comparison, and out of the
names blog-lsp gives new files, for the same reason: 'Tweets' and 'Tw\u200beets' look alike.
"""

from __future__ import annotations

import re
import unicodedata

# At import, not in the function: workers on several threads importing rapidfuzz.utils at
# the same moment have seen it half initialised.
from rapidfuzz.utils import default_process

# Characters that change how a name is shown, or nothing at all, without being seen: zero-width
# spaces and joiners, left-to-right and right-to-left marks, bidi embeddings and overrides
# (U+202E shows 'evil\u202egpj.exe' as 'evilexe.jpg'), bidi isolates, the byte order mark.
INVISIBLE_FORMAT = frozenset(
    [chr(code) for code in range(0x200B, 0x2010)]
    + [chr(code) for code in range(0x202A, 0x202F)]
    + [chr(code) for code in range(0x2066, 0x206A)]
    + ["\ufeff"]
)
# A search first: str.translate costs ten times as much, and names rarely hold these.
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE_FORMAT)) + "]")


def without_invisible(text: str) -> str:
    """``text`` without :data:`INVISIBLE_FORMAT` characters."""
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def new_name(name: str) -> str:
    """A name as blog-lsp writes it for a new file or folder: without invisible format
    characters, composed (NFC)."""
    if name.isascii():
        return name
    return unicodedata.normalize("NFC", without_invisible(name))


def name_key(name: str) -> str:
    """A name (or a path) as names are compared: without invisible format characters, in one
    Unicode form (NFC), case-folded. The indexes keep each name's own spelling for display."""
    if name.isascii():  # most names: nothing to normalise, and no casefold surprises
        return name.lower()
    folded = new_name(name).casefold()
    return unicodedata.normalize("NFC", folded)  # casefold can undo NFC (U+0345 and others)


def same_name(name: str, other: str) -> bool:
    return name_key(name) == name_key(other)


def search_key(text: str) -> str:
    """Text as completion and symbol search match it: :func:`new_name`, then rapidfuzz's
    processing (lower case, punctuation gone). Composing first keeps the accent of a
    decomposed 'e\u0301', which that processing would drop as punctuation."""
    return default_process(new_name(text))


__all__ = [
    "INVISIBLE_FORMAT",
    "name_key",
    "new_name",
    "same_name",
    "search_key",
    "without_invisible",
]
