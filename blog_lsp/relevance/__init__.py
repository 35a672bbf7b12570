"""The relevance engine: which notes of the vault a note is about the same things as, and
which tags suit it. Core, no LSP: the server's commands and the CLI call it alike.

- :mod:`~blog_lsp.relevance.terms`: a note's words as term counts (prose only, no code);
- :mod:`~blog_lsp.relevance.postings`: BM25 over those terms, kept in step with the vault
  index note by note (the index holds it);
- :mod:`~blog_lsp.relevance.shingles`: a draft's wording as three-word phrases (near-duplicates);
- :mod:`~blog_lsp.relevance.engine`: related notes and suggested tags, from the words, tags
  and links of a note.
"""
