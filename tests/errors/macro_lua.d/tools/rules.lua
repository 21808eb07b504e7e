local M = {}
function M.gen(name)
  action { name = name, outputs = { "gen/" .. name .. ".txt" }, command = { "touch", "{out}" } }
end
return M
