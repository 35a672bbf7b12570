"""blog-lsp: a language server and checker for blog drafts in an Obsidian vault."""

__version__ = "0.1.0"
