-- Writes, as JSON, the blog_lsp configuration as Neovim resolves it from the plugin folder's
-- lsp/blog_lsp.lua, and the user commands its plugin/ file defines.
--
--   nvim --headless --clean -u NONE -l dump_config.lua PLUGIN_DIR OUTPUT.json

local plugin_dir, output = assert(_G.arg[1]), assert(_G.arg[2])
vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd.runtime('plugin/blog_lsp.lua')

-- vim.lsp.config[name] reads lsp/<name>.lua from the runtimepath, as vim.lsp.enable does.
local config = vim.lsp.config.blog_lsp
local commands = {}
for name, command in pairs(vim.api.nvim_get_commands({})) do
  if name:match('^Blog') then
    commands[name] = { nargs = command.nargs, bang = command.bang }
  end
end

local dump = {
  cmd = config.cmd,
  filetypes = config.filetypes,
  root_markers = config.root_markers,
  workspace_required = config.workspace_required,
  settings = config.settings,
  commands = commands,
}
vim.fn.writefile({ vim.json.encode(dump) }, output)
vim.cmd('qa!')
