-- blog-lsp: a language server for technical blog drafts in an Obsidian vault, in British English.
--
-- Neovim 0.11+ picks this file up from any runtimepath folder's `lsp/` directory:
--
--   vim.lsp.enable('blog_lsp')
--
-- Change any field with vim.lsp.config, which merges your table over this one:
--
--   vim.lsp.config('blog_lsp', {
--     cmd = { 'python3', '-m', 'blog_lsp' },
--     settings = { blogLsp = { spellingMode = 'oxford', acceptedWords = { 'vLLM' } } },
--   })
--
-- The same table works as an nvim-lspconfig configuration.

---@type vim.lsp.Config
return {
  cmd = { 'blog-lsp' },
  filetypes = { 'markdown' },
  -- The vault root: the nearest folder holding `.obsidian/`, else one holding `.blog-lsp.toml`
  -- (the order `blog-lsp check` uses).
  root_markers = { '.obsidian', '.blog-lsp.toml' },
  -- Only inside a vault: the Markdown files of other projects (a README) are left alone.
  workspace_required = true,
  settings = {
    -- Empty on purpose: editor settings win over the vault's `.blog-lsp.toml`, so sending the
    -- defaults would hide the vault's own choices. Every key, with its default:
    --
    -- draftsFolder = 'Tweets',
    -- spellingMode = 'ise', -- or 'oxford'
    -- spellingScope = 'vault', -- or 'drafts'
    -- acceptedWords = {},
    -- wordList = '.blog-lsp-words.txt',
    -- userWordList = '~/.config/blog-lsp/words.txt',
    -- requiredFields = { 'type', 'title', 'date', 'tags', 'description', 'status' },
    -- statusValues = { 'draft', 'review', 'published' },
    -- blogTag = 'blog',
    -- tagVocabulary = { 'blog', 'ML', 'AI', 'LLM', 'transformers', ... },
    -- knownAcronyms = { 'AI', 'ML', 'LLM', 'NLP', 'GPU', ... }, -- never jargon-undefined
    -- actionWords = { 'Learn', 'Discover', 'Master', 'Build', ... },
    -- descriptionMaxLength = 160,
    -- descriptionMinLength = 70,
    -- titleMaxLength = 60,
    -- filenameMaxLength = 60,
    -- duplicateTitleSimilarity = 90,
    -- duplicateContentSimilarity = 40, -- the share of a draft's three-word phrases
    -- ignore = {}, -- globs relative to the vault root, such as 'Templates/**'
    -- maxFileSize = 2000000,
    -- cache = true, -- keep the vault index in your cache folder, for fast starts
    -- rules = {}, -- severity per rule code, such as { ['british-style'] = 'off' }
    blogLsp = vim.empty_dict(),
  },
}
