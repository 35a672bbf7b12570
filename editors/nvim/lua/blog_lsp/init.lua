-- blog-lsp for Neovim 0.11+: new drafts, "fix all", a draft's status, related notes and tags to
-- insert, and a completion fix-up for the built-in completion. The commands in
-- plugin/blog_lsp.lua call these; they can be mapped directly too:
--
--   vim.keymap.set('n', '<leader>bf', function() require('blog_lsp').fix_all() end)

local M = {}

local NEW_DRAFT = 'blog-lsp.newDraft'
local RELATED_NOTES = 'blog-lsp.relatedNotes'
local SUGGEST_TAGS = 'blog-lsp.suggestTags'
local FIX_ALL_KIND = 'source.fixAll.blog-lsp'
local SET_STATUS = 'blog-lsp.setStatus'

---@param bufnr? integer
---@return integer
local function buffer(bufnr)
  return (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
end

---@param message string
---@param level integer
local function notify(message, level)
  vim.notify('blog-lsp: ' .. message, level, { title = 'blog-lsp' })
end

--- Whether a client is a blog-lsp server.
---@param client vim.lsp.Client
---@return boolean
function M.is_blog_lsp(client)
  if client.name == 'blog_lsp' then
    return true
  end
  -- Under another name (an nvim-lspconfig set-up, say): known by the commands it offers.
  local commands =
    vim.tbl_get(client.server_capabilities or {}, 'executeCommandProvider', 'commands')
  return commands ~= nil and vim.list_contains(commands, NEW_DRAFT)
end

--- The blog-lsp client attached to `bufnr`, or with `any_buffer`, any running blog-lsp client.
---@param bufnr integer
---@param any_buffer? boolean
---@return vim.lsp.Client?
function M.client(bufnr, any_buffer)
  for _, client in ipairs(vim.lsp.get_clients({ bufnr = bufnr })) do
    if M.is_blog_lsp(client) then
      return client
    end
  end
  if any_buffer then
    for _, client in ipairs(vim.lsp.get_clients()) do
      if M.is_blog_lsp(client) then
        return client
      end
    end
  end
  return nil
end

---@class blog_lsp.Options
---@field bufnr? integer the note the command runs from (default: the current buffer)
---@field on_done? fun(err: lsp.ResponseError|string|nil, result: any) called when finished
---@field allow_duplicate? boolean new_draft: create it even beside a nearly identical title
---@field description? string new_draft: the SEO description (none: a 'TODO:' placeholder)

--- Offers the shorter title the server proposes for one too long for search results
--- (vim.ui.select); chosen, the draft is made with it, else nothing is.
---@param err lsp.ResponseError
---@param opts blog_lsp.Options
---@return boolean offered
local function offer_shorter_title(err, opts)
  local shortened = type(err.data) == 'table' and err.data.shortened or nil
  if type(shortened) ~= 'string' then
    return false
  end
  local use = "Use '" .. shortened .. "'"
  vim.ui.select({ use, 'Cancel' }, { prompt = err.message }, function(choice)
    if choice == use then
      M.new_draft(shortened, opts)
    else
      local done = opts.on_done or function() end
      done(err)
    end
  end)
  return true
end

--- Runs `blog-lsp.newDraft`: the server writes the draft from the template into the drafts
--- folder (complete on disk; it never overwrites a file), and the new draft is opened. A title
--- too long for search results is refused, with a shorter one offered.
---@param title string
---@param opts? blog_lsp.Options
function M.new_draft(title, opts)
  opts = opts or {}
  local done = opts.on_done or function() end
  local bufnr = buffer(opts.bufnr)
  local client = M.client(bufnr, true)
  if not client then
    local message = 'no blog-lsp server is running: open a note of your vault first.'
    notify(message, vim.log.levels.ERROR)
    return done(message)
  end
  local description = opts.description and vim.trim(opts.description) or ''
  local argument = {
    title = title,
    description = description ~= '' and description or nil,
    allowDuplicate = opts.allow_duplicate or nil,
  }
  if client.attached_buffers[bufnr] then
    -- The vault holding the current note, when the editor has several open.
    argument.uri = vim.uri_from_bufnr(bufnr)
  end
  local params = { command = NEW_DRAFT, arguments = { argument } }
  client:request('workspace/executeCommand', params, function(err, uri)
    if err then
      if offer_shorter_title(err, opts) then
        return
      end
      local message = err.message
      if type(err.data) == 'table' and err.data.duplicate then
        -- The server leaves the way to insist to each editor: here it is the bang.
        message = message .. ' Run :BlogNewDraft! ' .. title .. ' to create it.'
      end
      notify(message, vim.log.levels.ERROR)
      return done(err)
    end
    if type(uri) ~= 'string' then
      return done(nil, uri)
    end
    -- The server has written the file: opening it reads the draft from disk.
    vim.lsp.util.show_document({ uri = uri }, client.offset_encoding, { focus = true })
    done(nil, uri)
  end, bufnr)
end

--- The whole of a buffer, as an LSP range in the client's position encoding.
---@param bufnr integer
---@param encoding string
---@return lsp.Range
local function whole_buffer(bufnr, encoding)
  local count = vim.api.nvim_buf_line_count(bufnr)
  local last = vim.api.nvim_buf_get_lines(bufnr, count - 1, count, true)[1]
  return {
    start = { line = 0, character = 0 },
    ['end'] = { line = count - 1, character = vim.str_utfindex(last, encoding) },
  }
end

--- The note a command runs on, its blog-lsp client and the command's `on_done`; without a
--- client, says so and calls `on_done` with the message.
---@param opts? blog_lsp.Options
---@return integer bufnr, vim.lsp.Client? client, fun(err: any, result: any) done
local function note_client(opts)
  opts = opts or {}
  local done = opts.on_done or function() end
  local bufnr = buffer(opts.bufnr)
  local client = M.client(bufnr)
  if not client then
    local message = 'this buffer is not a note of a vault blog-lsp is running for.'
    notify(message, vim.log.levels.ERROR)
    done(message)
  end
  return bufnr, client, done
end

--- Asks for the note's "Fix all British spellings" action and applies it.
---@param opts? blog_lsp.Options
function M.fix_all(opts)
  local bufnr, client, done = note_client(opts)
  if not client then
    return
  end
  local encoding = client.offset_encoding
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = whole_buffer(bufnr, encoding),
    context = { only = { FIX_ALL_KIND }, diagnostics = {}, triggerKind = 1 },
  }
  client:request('textDocument/codeAction', params, function(err, actions)
    if err then
      notify(err.message, vim.log.levels.ERROR)
      return done(err)
    end
    for _, action in ipairs(actions or {}) do
      if action.kind == FIX_ALL_KIND then
        if action.edit then
          vim.lsp.util.apply_workspace_edit(action.edit, encoding)
        end
        if action.command then
          client:exec_cmd(action.command, { bufnr = bufnr })
        end
        return done(nil, action)
      end
    end
    notify('no British spellings to fix in this note.', vim.log.levels.INFO)
    done(nil, nil)
  end, bufnr)
end

--- Runs `blog-lsp.setStatus` on the note: the server edits its `status:` through a workspace
--- edit (left in the buffer, for the writer to save), or says why not (publishing while
--- errors or warnings are left, a status that is not allowed, a note that is not a draft).
---@param status string
---@param opts? blog_lsp.Options
function M.set_status(status, opts)
  local bufnr, client, done = note_client(opts)
  if not client then
    return
  end
  local argument = { uri = vim.uri_from_bufnr(bufnr), status = status }
  local params = { command = SET_STATUS, arguments = { argument } }
  client:request('workspace/executeCommand', params, function(err, result)
    if err then
      notify(err.message, vim.log.levels.ERROR)
      return done(err)
    end
    if type(result) == 'table' and result.changed == false then
      notify('the status is already ' .. tostring(result.status) .. '.', vim.log.levels.INFO)
    end
    done(nil, result)
  end, bufnr)
end

-- Related notes and tags ------------------------------------------------------------------

--- Whether the cursor is in the note's frontmatter (between its opening and closing '---').
---@param bufnr integer
---@param row integer 0-based
---@return boolean
local function in_frontmatter(bufnr, row)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, row + 1, false)
  if lines[1] ~= '---' then
    return false
  end
  for index = 2, #lines - 1 do
    if lines[index] == '---' or lines[index] == '...' then
      return false
    end
  end
  return row > 0
end

--- Asks the server for a list about the current note, lets the writer pick one with
--- vim.ui.select, and inserts what `insert` makes of it at the cursor.
---@param command string
---@param what string what the list holds, for the prompt and the messages
---@param describe fun(item: table): string
---@param insert fun(item: table, bufnr: integer, row: integer): string
---@param opts? blog_lsp.Options
local function pick_and_insert(command, what, describe, insert, opts)
  local bufnr, client, done = note_client(opts)
  if not client then
    return
  end
  local window = vim.api.nvim_get_current_win()
  local params = { command = command, arguments = { { uri = vim.uri_from_bufnr(bufnr) } } }
  client:request('workspace/executeCommand', params, function(err, items)
    if err then
      notify(err.message, vim.log.levels.ERROR)
      return done(err)
    end
    if type(items) ~= 'table' or #items == 0 then
      notify('no ' .. what .. ' for this note.', vim.log.levels.INFO)
      return done(nil, nil)
    end
    vim.ui.select(items, { prompt = 'blog-lsp: ' .. what, format_item = describe }, function(item)
      if not item or not vim.api.nvim_win_is_valid(window) then
        return done(nil, nil)
      end
      vim.api.nvim_set_current_win(window)
      local row = vim.api.nvim_win_get_cursor(window)[1] - 1
      local text = insert(item, bufnr, row)
      vim.api.nvim_put({ text }, 'c', true, true)
      done(nil, item)
    end)
  end, bufnr)
end

--- Picks one of the notes most related to this one and inserts a wiki-link to it.
---@param opts? blog_lsp.Options
function M.related_notes(opts)
  pick_and_insert(RELATED_NOTES, 'related notes', function(item)
    return string.format('%s  (%s)', item.target, item.why)
  end, function(item)
    return '[[' .. item.target .. ']]'
  end, opts)
end

--- Picks one of the tags that suit this note and inserts it: as a list item's text in the
--- frontmatter, as '#tag' in the body.
---@param opts? blog_lsp.Options
function M.suggest_tags(opts)
  pick_and_insert(SUGGEST_TAGS, 'suggested tags', function(item)
    return string.format('%s  (%s)', item.tag, item.source)
  end, function(item, bufnr, row)
    return in_frontmatter(bufnr, row) and item.tag or ('#' .. item.tag)
  end, opts)
end

-- Completion with the built-in completion (vim.lsp.completion) ----------------------------
--
-- Neovim 0.11 inserts a plain-text item's textEdit.newText only up to its first space, and only
-- over the text before the cursor: '[[Learn' became '[[Learning', and with an auto-paired ']]'
-- after the cursor, '[[Attention]]]]'. Once an item is accepted, this puts the item's whole text
-- in place of what was inserted, over the part of the edit's range that follows the cursor.
-- nvim-cmp and blink.cmp apply textEdits themselves and are not touched.

--- Where the cursor was when each buffer last asked blog-lsp for completions.
---@type table<integer, { row: integer, col: integer, line: string }>
local completion_requests = {}

---@param client_id integer
---@param bufnr integer
---@param method string
function M._on_request(client_id, bufnr, method)
  if method ~= 'textDocument/completion' or bufnr ~= vim.api.nvim_get_current_buf() then
    return
  end
  local client = vim.lsp.get_client_by_id(client_id)
  if not client or not M.is_blog_lsp(client) then
    return
  end
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  completion_requests[bufnr] = { row = row - 1, col = col, line = vim.api.nvim_get_current_line() }
end

--- How many bytes after the cursor the item's edit replaces: its range ends that far past where
--- the cursor was when completion was asked for (over an auto-paired ']]', say). Zero unless
--- that text is still right after the cursor.
---@param range lsp.Range
---@param bufnr integer
---@param row integer 0-based
---@param after_cursor string the line's text after the cursor now
---@param encoding string
---@return integer
local function covered_after_cursor(range, bufnr, row, after_cursor, encoding)
  local request = completion_requests[bufnr]
  if not request or request.row ~= row or range['end'].line ~= row then
    return 0
  end
  local units = range['end'].character
    - vim.str_utfindex(request.line, encoding, request.col, false)
  if units <= 0 then
    return 0
  end
  local after_request = request.line:sub(request.col + 1)
  local bytes = vim.str_byteindex(after_request, encoding, units, false)
  local unchanged = after_cursor:sub(1, bytes) == after_request:sub(1, bytes)
  return unchanged and bytes or 0
end

---@param bufnr integer
function M._on_complete_done(bufnr)
  if vim.v.event.reason ~= 'accept' then
    return
  end
  local lsp_data = vim.tbl_get(vim.v.completed_item or {}, 'user_data', 'nvim', 'lsp')
  local item = lsp_data and lsp_data.completion_item
  local client = lsp_data and vim.lsp.get_client_by_id(lsp_data.client_id)
  if not item or not client or not M.is_blog_lsp(client) then
    return
  end
  local edit = item.textEdit
  -- Snippets (frontmatter fields) are expanded by Neovim itself.
  if not edit or item.insertTextFormat == 2 or edit.newText:find('\n') then
    return
  end
  local range = edit.range or edit.replace
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  row = row - 1
  if range.start.line ~= row then
    return
  end
  local encoding = client.offset_encoding
  local line = vim.api.nvim_get_current_line()
  local start = vim.str_byteindex(line, encoding, range.start.character, false)
  local word = vim.v.completed_item.word
  if line:sub(start + 1, col) ~= word then
    return -- not what this fix-up expects: leave the text alone
  end
  local covered = covered_after_cursor(range, bufnr, row, line:sub(col + 1), encoding)
  if edit.newText == word and covered == 0 then
    return
  end
  vim.api.nvim_buf_set_text(bufnr, row, start, row, col + covered, { edit.newText })
  vim.api.nvim_win_set_cursor(0, { row + 1, start + #edit.newText })
end

--- Installs the completion fix-up in a buffer blog-lsp is attached to (the plugin does this).
---@param bufnr integer
function M.fix_completion_in(bufnr)
  local group = vim.api.nvim_create_augroup('blog_lsp_completion_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd('CompleteDone', {
    group = group,
    buffer = bufnr,
    desc = 'blog-lsp: insert the whole completion item',
    callback = function(args)
      M._on_complete_done(args.buf)
    end,
  })
  vim.api.nvim_create_autocmd('BufWipeout', {
    group = group,
    buffer = bufnr,
    callback = function(args)
      completion_requests[args.buf] = nil
    end,
  })
end

return M
