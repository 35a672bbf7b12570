-- Shared set-up for the headless Neovim scenarios (see tests/editors/test_neovim.py).
--
-- The test passes one JSON file naming the scenario, the vault copy, the plugin folder, the
-- server command and where to write the results. Every wait is bounded: a scenario that
-- cannot finish raises, and the error goes into the results file for the test to show.

local H = {}

H.config = nil ---@type table
H.results = {} ---@type table<string, any>
H.notifications = {} ---@type { message: string, level: integer }[]

local DEFAULT_WAIT_MS = 15000

--- Waits until `predicate()` is true; raises naming `what` after `ms` milliseconds.
---@param what string
---@param predicate fun(): any
---@param ms? integer
function H.wait_for(what, predicate, ms)
  local ok = vim.wait(ms or DEFAULT_WAIT_MS, function()
    return predicate() and true or false
  end, 20)
  if not ok then
    error('timed out waiting for ' .. what, 2)
  end
end

--- Loads the plugin the way a plugin manager does: its folder on the runtimepath, its
--- plugin/ file sourced. The server comes from the test's Python, through lsp/blog_lsp.lua.
---@param config table
function H.setup(config)
  H.config = config
  vim.opt.runtimepath:prepend(config.plugin_dir)
  vim.cmd('filetype on')
  vim.cmd.runtime('plugin/blog_lsp.lua')
  vim.lsp.config('blog_lsp', { cmd = config.cmd })
  vim.lsp.enable('blog_lsp')
  -- Messages the plugin shows, kept for the assertions.
  vim.notify = function(message, level)
    table.insert(H.notifications, { message = message, level = level or vim.log.levels.INFO })
  end
end

---@param relative string a path inside the vault copy
---@return string
function H.path(relative)
  return H.config.vault .. '/' .. relative
end

---@param relative string
---@param lines string[]
function H.write_note(relative, lines)
  local path = H.path(relative)
  vim.fn.mkdir(vim.fs.dirname(path), 'p')
  assert(vim.fn.writefile(lines, path) == 0, 'could not write ' .. path)
end

--- Opens a note of the vault copy and waits for the blog-lsp client to attach to it.
---@param relative string
---@return integer bufnr, vim.lsp.Client client
function H.open(relative)
  vim.cmd.edit(vim.fn.fnameescape(H.path(relative)))
  local bufnr = vim.api.nvim_get_current_buf()
  local client
  H.wait_for('blog-lsp to attach to ' .. relative, function()
    client = vim.lsp.get_clients({ bufnr = bufnr, name = 'blog_lsp' })[1]
    return client and client.initialized
  end)
  return bufnr, client
end

--- The diagnostics of a buffer with their rule code, as plain data.
---@param bufnr integer
---@param code? string only this rule's
---@return table[]
function H.diagnostics(bufnr, code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code == nil or d.code == code then
      table.insert(found, {
        code = d.code,
        lnum = d.lnum,
        col = d.col,
        end_lnum = d.end_lnum,
        end_col = d.end_col,
        severity = d.severity,
        message = d.message,
        source = d.source,
      })
    end
  end
  table.sort(found, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return found
end

--- One request to the blog-lsp client of `bufnr`, waited for; raises on an error response.
---@param bufnr integer
---@param method string
---@param params table
---@return any
function H.request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, DEFAULT_WAIT_MS)
  assert(responses, ('%s: %s'):format(method, err or 'no answer'))
  for _, response in pairs(responses) do
    assert(not response.err, ('%s: %s'):format(method, vim.inspect(response.err)))
    return response.result
  end
end

---@param bufnr integer
---@return string[]
function H.lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
end

--- Runs the scenario, writes the results (or the error) as JSON and quits.
---@param body fun(results: table)
function H.run(body)
  local ok, err = xpcall(body, debug.traceback, H.results)
  if not ok then
    H.results.error = err
  end
  H.results.notifications = H.notifications
  vim.fn.writefile({ vim.json.encode(H.results) }, H.config.results)
  -- Stop the server first, and give it a moment, so no process outlives the test.
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop()
  end
  vim.wait(2000, function()
    return #vim.lsp.get_clients() == 0
  end, 20)
  vim.cmd('qa!')
end

return H
