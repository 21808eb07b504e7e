platforms { "linux/amd64" }
local spec = { name = "s", main = "./cmd/s" }
setmetatable(spec, {
  __index = function() error("__index must not run") end,
  __newindex = function() error("__newindex must not run") end,
  __pairs = function() error("__pairs must not run") end,
  __len = function() error("__len must not run") end,
})
go_binary(spec)
