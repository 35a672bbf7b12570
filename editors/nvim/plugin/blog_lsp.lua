-- blog-lsp commands for Neovim 0.11+:
--
--   :BlogNewDraft {title}   a new draft from the template, opened (asks for the title if none,
--                           then for the description: leave it empty to write it later)
--   :BlogNewDraft! {title}  the same even when a draft with a nearly identical title exists
--   :BlogFixAll             every British spelling in the current note fixed at once
--   :BlogRelated            pick a note related to this one: a [[wiki-link]] to it inserted
--   :BlogTags               pick a tag that suits this note: inserted at the cursor
--   :BlogSetStatus {status} the current draft's status set (draft, review, published); never
--                           published while it has errors or warnings: the reasons are shown
--
-- The server itself is configured by lsp/blog_lsp.lua: vim.lsp.enable('blog_lsp') starts it.

if vim.g.loaded_blog_lsp then
  return
end
vim.g.loaded_blog_lsp = true

if vim.fn.has('nvim-0.11') == 0 then
  vim.notify('blog-lsp needs Neovim 0.11 or newer.', vim.log.levels.WARN)
  return
end

vim.api.nvim_create_user_command('BlogNewDraft', function(command)
  local opts = { allow_duplicate = command.bang }
  -- The SEO description next (empty: a 'TODO:' placeholder to fill in); cancelled, no draft.
  local function with_description(title)
    vim.ui.input(
      { prompt = 'Description (for search results; empty to write it later): ' },
      function(description)
        if description ~= nil then
          opts.description = description
          require('blog_lsp').new_draft(title, opts)
        end
      end
    )
  end
  local title = vim.trim(command.args)
  if title ~= '' then
    with_description(title)
    return
  end
  vim.ui.input({ prompt = 'Title of the new draft: ' }, function(input)
    if input and vim.trim(input) ~= '' then
      with_description(vim.trim(input))
    end
  end)
end, { nargs = '*', bang = true, desc = 'blog-lsp: new blog draft from the template' })

vim.api.nvim_create_user_command('BlogFixAll', function()
  require('blog_lsp').fix_all()
end, { nargs = 0, desc = 'blog-lsp: fix all British spellings in this note' })

vim.api.nvim_create_user_command('BlogRelated', function()
  require('blog_lsp').related_notes()
end, { nargs = 0, desc = 'blog-lsp: insert a link to a related note' })

vim.api.nvim_create_user_command('BlogTags', function()
  require('blog_lsp').suggest_tags()
end, { nargs = 0, desc = 'blog-lsp: insert a tag that suits this note' })

vim.api.nvim_create_user_command('BlogSetStatus', function(command)
  require('blog_lsp').set_status(vim.trim(command.args))
end, {
  nargs = 1,
  complete = function(typed)
    return vim.tbl_filter(function(status)
      return vim.startswith(status, typed)
    end, { 'draft', 'review', 'published' })
  end,
  desc = "blog-lsp: set this draft's status (never published with errors or warnings)",
})

local group = vim.api.nvim_create_augroup('blog_lsp', { clear = true })

vim.api.nvim_create_autocmd('LspAttach', {
  group = group,
  desc = 'blog-lsp: completion fix-up for the built-in completion',
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and require('blog_lsp').is_blog_lsp(client) then
      require('blog_lsp').fix_completion_in(args.buf)
    end
  end,
})

vim.api.nvim_create_autocmd('LspRequest', {
  group = group,
  desc = 'blog-lsp: remember where completion was asked for',
  callback = function(args)
    local request = args.data.request
    if request.type == 'pending' then
      require('blog_lsp')._on_request(args.data.client_id, args.buf, request.method)
    end
  end,
})
