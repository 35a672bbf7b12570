"""New blog drafts and notes, without the protocol: shared by ``blog-lsp new``, the server's
commands and code actions, and the draft checks.

- :mod:`~blog_lsp.drafting.naming`: cleaning titles, Title Case, filenames, tags, and where a
  draft's file goes (its planned path, safely inside the vault).
- :mod:`~blog_lsp.drafting.yaml_text`: YAML scalars and flow lists that read back as written.
- :mod:`~blog_lsp.drafting.template`: the spec's template, rendered from a :class:`DraftSpec`,
  the check that it reads back, and a new note's text.
- :mod:`~blog_lsp.drafting.similar`: drafts with nearly the same title, from the vault's index.
- :mod:`~blog_lsp.drafting.plans`: where a new draft, or a note for an unresolved link, goes in
  a vault.
- :mod:`~blog_lsp.drafting.files`: writing a new draft or note safely (never over an existing
  file, never outside the vault).
- :mod:`~blog_lsp.drafting.errors`: the errors they raise, with a message for the writer.
"""
