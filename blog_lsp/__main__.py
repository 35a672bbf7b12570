from blog_lsp.cli import main

raise SystemExit(main())
