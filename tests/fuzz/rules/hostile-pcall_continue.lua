platforms { "linux/amd64" }
local ok1 = pcall(error, "boom")
local ok2 = pcall(function() local t = nil; return t.x end)
local ok3 = pcall(go_binary, { name = "t", main = 5, cgo = "yes" })
local ok4 = pcall(go_binary, { name = "t", mian = "./x" })
assert(not ok1 and not ok2 and not ok3 and not ok4)
go_binary { name = "s", main = "./cmd/s" }
