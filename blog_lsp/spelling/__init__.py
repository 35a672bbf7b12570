"""British spelling and typo checks for prose.

Pure Python, no editor or LSP dependency. Both engines scan a *prose* string: the note's text
with everything that is not prose (code, URLs, link targets, tags, frontmatter keys...) blanked
by spaces, so every offset they return is an offset in the note.

* :class:`BritishSpelling` finds American spellings (optimize, color, center, modeling...) and
  a few British style preferences (whilst, amongst, learnt) and gives the British form.
* :class:`TypoChecker` finds words no dictionary knows and suggests corrections on demand.
"""

from blog_lsp.spelling.british import BritishSpelling, SpellingHit
from blog_lsp.spelling.context import SPELLING, STYLE
from blog_lsp.spelling.typos import TypoChecker

__all__ = ["SPELLING", "STYLE", "BritishSpelling", "SpellingHit", "TypoChecker"]
