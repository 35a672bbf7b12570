-- Headless Neovim scenarios for tests/editors/test_neovim.py.
--
--   nvim --headless --clean -u NONE -l scenarios.lua CONFIG.json
--
-- Each scenario collects plain data into `results`; the Python test asserts on it.

local here = vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2))
local H = dofile(here .. '/harness.lua')
local config = vim.json.decode(table.concat(vim.fn.readfile(assert(_G.arg[1])), '\n'))
H.setup(config)

---@param text string
---@return string
local function keys(text)
  return vim.api.nvim_replace_termcodes(text, true, false, true)
end

--- Waits until the server has indexed the vault: a link completion then knows every note.
---@param bufnr integer
local function wait_for_index(bufnr)
  local line = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, line, line, false, { '[[Transfor' })
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = #'[[Transfor' },
  }
  H.wait_for('the vault index', function()
    local result = H.request(bufnr, 'textDocument/completion', params)
    local items = result and (result.items or result) or {}
    return items[1] and items[1].label == 'Transformers'
  end)
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, {})
end

local scenarios = {}

-- 1: exact diagnostic ranges on a line with an emoji, in the negotiated position encoding.
function scenarios.diagnostics(results)
  H.write_note('Notes/Mood.md', { '# Mood', '', 'Mood 😀 and color here.' })
  local bufnr, client = H.open('Notes/Mood.md')
  H.wait_for('diagnostics on Mood.md', function()
    return #vim.diagnostic.get(bufnr) > 0
  end)
  results.diagnostics = H.diagnostics(bufnr)
  results.line = H.lines(bufnr)[3]
  results.offset_encoding = client.offset_encoding
end

-- 6: Neovim 0.11 registers no file watchers on Linux, so the server polls: a note created on
-- disk behind the editor's back resolves the link to it.
function scenarios.file_watching(results)
  H.write_note('Notes/Plans.md', { '# Plans', '', 'Next: [[Brand New Note]].' })
  local bufnr, client = H.open('Notes/Plans.md')
  results.watched_files_capability =
    vim.tbl_get(client.capabilities, 'workspace', 'didChangeWatchedFiles')
  H.wait_for('the unresolved link', function()
    return #H.diagnostics(bufnr, 'link-unresolved') > 0
  end)
  results.unresolved = H.diagnostics(bufnr, 'link-unresolved')
  results.registered_watchers = vim.tbl_get(
    client.dynamic_capabilities or {},
    'capabilities',
    'workspace/didChangeWatchedFiles'
  ) or {}
  H.write_note('Notes/Brand New Note.md', { '# Brand New Note' })
  local created = vim.uv.hrtime()
  H.wait_for('the link to resolve', function()
    return #H.diagnostics(bufnr, 'link-unresolved') == 0
  end, 10000)
  results.resolved_after_ms = (vim.uv.hrtime() - created) / 1e6
end

-- 2: completion items applied as nvim-cmp and blink.cmp apply them (the item's textEdit).
function scenarios.completion(results)
  H.write_note('Notes/Scratch.md', { '---', 'tags: [ML, tra]', '---', '', '# Scratch', '' })
  local bufnr = H.open('Notes/Scratch.md')
  wait_for_index(bufnr)
  local cases = {
    {
      name = 'frontmatter tag',
      line = 2,
      text = 'tags: [ML, tra]',
      col = 14,
      label = 'transformers',
    },
    { name = 'inline tag', text = 'Some text #dee', label = 'deep-learning' },
    { name = 'note', text = 'See [[Atten', label = 'Attention' },
    { name = 'note with spaces', text = 'See [[Learning', label = 'Learning LLMs' },
    { name = 'auto-paired brackets', text = 'See [[Atten]] here', col = 11, label = 'Attention' },
    { name = 'alias', text = 'See [[Self', label = 'Self-Attention' },
    { name = 'heading', text = 'See [[Transformers#Dec', label = 'Decoder-only models' },
    { name = 'after an emoji', text = '🧠 [[Learning', label = 'Learning LLMs' },
  }
  results.cases = {}
  for _, case in ipairs(cases) do
    local row = (case.line or 6) - 1
    local col = case.col or #case.text
    vim.api.nvim_buf_set_lines(bufnr, row, row + 1, false, { case.text })
    local result = H.request(bufnr, 'textDocument/completion', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = row, character = vim.str_utfindex(case.text, 'utf-8', col) },
    })
    local chosen
    for _, item in ipairs(result and (result.items or result) or {}) do
      if item.label == case.label then
        chosen = item
        break
      end
    end
    local outcome = { name = case.name, found = chosen ~= nil }
    if chosen then
      vim.lsp.util.apply_text_edits({ chosen.textEdit }, bufnr, 'utf-8')
      outcome.line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, true)[1]
    end
    table.insert(results.cases, outcome)
  end
end

--- Accepts the completion item `label` with Neovim's built-in completion, as a writer does:
--- in Insert mode after `text`, CTRL-N down to the item, CTRL-Y. Returns the line.
---@param bufnr integer
---@param text string
---@param col integer where the cursor is, in bytes (Insert mode appends after it)
---@param label string
---@return string line, string? problem
local function accept_builtin(bufnr, text, col, label)
  vim.api.nvim_buf_set_lines(bufnr, 2, 3, false, { text })
  vim.api.nvim_win_set_cursor(0, { 3, col - 1 })
  local problem
  -- Runs in Insert mode (the feedkeys below waits there until <Esc>).
  vim.schedule(function()
    local ok, err = pcall(function()
      vim.lsp.completion.get()
      H.wait_for('the completion menu', function()
        return vim.fn.pumvisible() == 1
      end)
      local index
      for position, item in ipairs(vim.fn.complete_info({ 'items' }).items) do
        if item.abbr == label then
          index = position
          break
        end
      end
      assert(index, 'no item ' .. label .. ' in the menu')
      vim.api.nvim_feedkeys(keys(('<C-n>'):rep(index) .. '<C-y><Esc>'), 'n', false)
    end)
    if not ok then
      problem = tostring(err)
      vim.api.nvim_feedkeys(keys('<C-e><Esc>'), 'n', false)
    end
  end)
  vim.api.nvim_feedkeys('a', 'nx!', false)
  return vim.api.nvim_buf_get_lines(bufnr, 2, 3, true)[1], problem
end

-- 2 (continued): the same through Neovim's own completion menu (vim.lsp.completion), with and
-- without the plugin's fix-up for Neovim 0.11's handling of textEdits.
function scenarios.builtin_completion(results)
  H.write_note('Notes/Scratch.md', { '# Scratch', '', '' })
  local bufnr, client = H.open('Notes/Scratch.md')
  wait_for_index(bufnr)
  vim.lsp.completion.enable(true, client.id, bufnr, { autotrigger = true })
  vim.o.completeopt = 'menuone,noselect'
  local cases = {
    { name = 'note with spaces', text = 'See [[Learn', label = 'Learning LLMs' },
    { name = 'auto-paired brackets', text = 'See [[Atten]]', col = 11, label = 'Attention' },
    { name = 'alias', text = 'See [[Self', label = 'Self-Attention' },
    { name = 'heading', text = 'See [[Transformers#Dec', label = 'Decoder-only models' },
    { name = 'inline tag', text = 'Some text #dee', label = 'deep-learning' },
    {
      name = 'after an emoji',
      text = '🧠 [[Learn]]',
      col = #'🧠 [[Learn',
      label = 'Learning LLMs',
    },
  }
  local function run_all(into)
    for _, case in ipairs(cases) do
      local line, problem = accept_builtin(bufnr, case.text, case.col or #case.text, case.label)
      table.insert(into, { name = case.name, line = line, problem = problem })
    end
  end
  results.with_fixup = {}
  run_all(results.with_fixup)
  -- What Neovim 0.11 does on its own, to show what the fix-up is for.
  vim.api.nvim_del_augroup_by_name('blog_lsp_completion_' .. bufnr)
  results.without_fixup = {}
  run_all(results.without_fixup)
  results.nvim_version = tostring(vim.version())
end

-- 3: a quick fix, then :BlogFixAll on the broken draft.
function scenarios.code_actions(results)
  local draft = 'Tweets/how to optimize rag #2.md'
  local bufnr, client = H.open(draft)
  H.wait_for('the spelling diagnostics', function()
    return #H.diagnostics(bufnr, 'british-spelling') > 0
  end)
  local behavior
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'british-spelling' and d.message:find('"behavior"', 1, true) then
      behavior = d
    end
  end
  assert(behavior, 'no diagnostic for "behavior"')
  local lsp_diagnostic = behavior.user_data.lsp
  local actions = H.request(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } },
  })
  results.quickfix_titles = {}
  local preferred
  for _, action in ipairs(actions or {}) do
    table.insert(results.quickfix_titles, action.title)
    if action.isPreferred then
      preferred = action
    end
  end
  assert(preferred and preferred.edit, 'no preferred quick fix with an edit')
  results.preferred = preferred.title
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  results.after_quickfix = H.lines(bufnr)[behavior.lnum + 1]

  local before = H.lines(bufnr)
  -- A script's changes all join one undo step; a writer's next command starts a new one.
  vim.o.undolevels = vim.o.undolevels
  vim.cmd('BlogFixAll')
  H.wait_for(':BlogFixAll to change the note', function()
    return not vim.deep_equal(H.lines(bufnr), before)
  end)
  results.after_fix_all = H.lines(bufnr)
  H.wait_for('the spelling diagnostics to go', function()
    return #H.diagnostics(bufnr, 'british-spelling') == 0
  end)
  results.british_after_fix_all = H.diagnostics(bufnr, 'british-spelling')
  results.modified = vim.bo[bufnr].modified
  -- One edit: one undo takes the note back to before :BlogFixAll.
  vim.cmd('silent undo')
  results.undone = vim.deep_equal(H.lines(bufnr), before)
end

-- 4: :BlogNewDraft creates the draft and opens it; running it again is refused, and so is
-- :BlogNewDraft! (which only waives the nearly-identical-title check): no file is overwritten.
function scenarios.new_draft(results)
  -- The description is asked after the title: left empty, as a writer in a hurry would.
  vim.ui.input = function(_, on_confirm)
    on_confirm('')
  end
  H.open('Notes/Attention.md')
  local expected = H.path('Tweets/My Fresh Post.md')
  vim.cmd('BlogNewDraft My Fresh Post')
  H.wait_for('the new draft to open', function()
    return vim.api.nvim_buf_get_name(0) == expected and not vim.bo.modified
  end)
  results.first = {
    buffer = vim.api.nvim_buf_get_name(0),
    lines = H.lines(0),
    modified = vim.bo.modified,
    notifications = #H.notifications,
  }
  results.again = {}
  for _, command in ipairs({
    'BlogNewDraft My Fresh Post',
    'BlogNewDraft! My Fresh Post',
    'BlogNewDraft My Fresh Posts',
  }) do
    local before = #H.notifications
    vim.cmd(command)
    H.wait_for('the refusal of ' .. command, function()
      return #H.notifications > before
    end)
    table.insert(results.again, {
      command = command,
      notification = H.notifications[before + 1],
      buffer = vim.api.nvim_buf_get_name(0),
      modified = vim.bo.modified,
    })
  end
end

-- 4b: :BlogSetStatus puts the status in the buffer; publishing a draft with warnings is
-- refused with the server's reasons, shown as an error, and the buffer is left as it was.
function scenarios.set_status(results)
  local bufnr = H.open('Tweets/how to optimize rag #2.md')
  local function status_line()
    for _, line in ipairs(H.lines(bufnr)) do
      if vim.startswith(line, 'status:') then
        return line
      end
    end
  end
  local before = #H.notifications
  vim.cmd('BlogSetStatus published')
  H.wait_for('the refusal to publish', function()
    return #H.notifications > before
  end)
  results.refused = {
    notification = H.notifications[before + 1],
    status = status_line(),
    modified = vim.bo[bufnr].modified,
  }
  vim.cmd('BlogSetStatus review')
  H.wait_for('the status to change', function()
    return status_line() ~= results.refused.status
  end)
  results.reviewed = { status = status_line(), modified = vim.bo[bufnr].modified }
  local actions = H.request(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = {}, only = { 'source' } },
  })
  results.actions = {}
  for _, action in ipairs(actions or {}) do
    if vim.startswith(action.title, 'Mark as') then
      table.insert(results.actions, { title = action.title, command = action.command.command })
    end
  end
end

-- 4c: :BlogNewDraft without a title asks for it, then for the description; a title too long
-- for search results is refused, and the shorter one the server proposes is offered
-- (vim.ui.select, here chosen): the draft is made with it and the description given.
function scenarios.new_draft_asks(results)
  H.open('Notes/Attention.md')
  local answers = {
    'How to Optimise Retrieval-Augmented Generation Pipelines for Production Workloads',
    'Learn how to make a retrieval-augmented generation pipeline fast enough for production.',
  }
  results.prompts = {}
  vim.ui.input = function(opts, on_confirm)
    table.insert(results.prompts, opts.prompt)
    on_confirm(table.remove(answers, 1))
  end
  results.offered = {}
  vim.ui.select = function(items, opts, on_choice)
    table.insert(results.offered, { prompt = opts.prompt, items = items })
    on_choice(items[1], 1)
  end
  local expected = H.path('Tweets/How to Optimise Retrieval-Augmented Generation Pipelines.md')
  vim.cmd('BlogNewDraft')
  H.wait_for('the shortened draft to open', function()
    return vim.api.nvim_buf_get_name(0) == expected
  end)
  results.buffer = vim.api.nvim_buf_get_name(0)
  results.modified = vim.bo.modified
end

-- 5: go to definition from a link to a heading.
function scenarios.definition(results)
  H.write_note(
    'Notes/Reading.md',
    { '# Reading', '', 'See [[Transformers#Decoder-only models]] next.' }
  )
  local bufnr = H.open('Notes/Reading.md')
  wait_for_index(bufnr)
  local position = { line = 2, character = #'See [[Transfo' }
  results.locations = H.request(bufnr, 'textDocument/definition', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = position,
  })
  -- And as a writer does it: the cursor on the link, vim.lsp.buf.definition().
  vim.api.nvim_win_set_cursor(0, { position.line + 1, position.character })
  vim.lsp.buf.definition()
  H.wait_for('the jump', function()
    return vim.api.nvim_get_current_buf() ~= bufnr
  end)
  results.jumped_to = {
    buffer = vim.api.nvim_buf_get_name(0),
    cursor = vim.api.nvim_win_get_cursor(0),
    line = vim.api.nvim_get_current_line(),
  }
end

-- 6: :BlogRelated and :BlogTags list what the server suggests (vim.ui.select, here choosing
-- the first) and insert the choice at the cursor: a wiki-link, a '#tag' in the body.
function scenarios.related_and_tags(results)
  local draft = 'Tweets/Choosing LoRA Rank and Alpha.md'
  local bufnr = H.open(draft)
  local offered = {}
  vim.ui.select = function(items, opts, on_choice)
    table.insert(offered, { prompt = opts.prompt, first = opts.format_item(items[1]), count = #items })
    on_choice(items[1], 1)
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, last, last, false, { 'See ' })
  vim.api.nvim_win_set_cursor(0, { last + 1, #'See ' - 1 })
  vim.cmd('BlogRelated')
  H.wait_for(':BlogRelated to insert a link', function()
    return H.lines(bufnr)[last + 1] ~= 'See '
  end, 30000)
  results.related_line = H.lines(bufnr)[last + 1]
  vim.api.nvim_buf_set_lines(bufnr, last + 1, last + 1, false, { 'Tagged ' })
  vim.api.nvim_win_set_cursor(0, { last + 2, #'Tagged ' - 1 })
  vim.cmd('BlogTags')
  H.wait_for(':BlogTags to insert a tag', function()
    return H.lines(bufnr)[last + 2] ~= 'Tagged '
  end, 30000)
  results.tags_line = H.lines(bufnr)[last + 2]
  results.offered = offered
end

-- 8: "Add related notes" on a draft of the relevance vault, through Neovim's own
-- vim.lsp.buf.code_action with a filter and apply = true, as a writer's mapping would.
function scenarios.related_footer(results)
  local draft = 'Tweets/Why Your Retriever Needs a Reranker.md'
  local bufnr = H.open(draft)
  local last = vim.api.nvim_buf_line_count(bufnr)
  local function is_related(action)
    return action.title:find('^Add related notes: ') ~= nil
  end
  -- Offered once the vault is indexed (related notes need every note).
  H.wait_for('the Add related notes action', function()
    local actions = H.request(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = last - 1, character = 0 }, ['end'] = { line = last - 1, character = 0 } },
      context = { diagnostics = {} },
    })
    for _, action in ipairs(actions or {}) do
      if is_related(action) then
        results.title = action.title
        return true
      end
    end
    return false
  end)
  local before = H.lines(bufnr)
  vim.api.nvim_win_set_cursor(0, { last, 0 })
  vim.lsp.buf.code_action({ filter = is_related, apply = true })
  H.wait_for('the footer in the buffer', function()
    return not vim.deep_equal(H.lines(bufnr), before)
  end)
  results.before = before
  results.after = H.lines(bufnr)
  results.modified = vim.bo[bufnr].modified
end

H.run(function(results)
  local scenario = assert(scenarios[config.scenario], 'no scenario ' .. tostring(config.scenario))
  local started = vim.uv.hrtime()
  scenario(results)
  results.elapsed_ms = (vim.uv.hrtime() - started) / 1e6
end)
