"""The language server: a thin layer of LSP features over the core."""
