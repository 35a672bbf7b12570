"""New blog drafts and notes, without the protocol: shared by ``blog-lsp new``, the server's
commands and code actions, and the draft checks.

- :mod:`~blog_lsp.drafting.naming`: cleaning titles, Title Case, filenames, tags, and where a
  draft's file goes (its planned path, safely inside the vault).
- :mod:`~blog_lsp.drafting.yaml_text`: YAML scalars and flow lists that read back as written.
- :mod:`~blog_lsp.drafting.template`: the spec's template, and the check that it reads back.
- :mod:`~blog_lsp.drafting.similar`: drafts with nearly the same title, from the vault's index.
- :mod:`~blog_lsp.drafting.files`: writing a new file safely (never over an existing one, never
  outside the vault).
- :mod:`~blog_lsp.drafting.errors`: the errors they raise, with a message for the writer.
"""
