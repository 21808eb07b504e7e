platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x" }
setmetatable({}, { __gc = function() while true do end end })
