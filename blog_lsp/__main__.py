from blog_lsp.cli import main

# Guarded: worker processes (started by spawning) import the main module again.
if __name__ == "__main__":
    raise SystemExit(main())
