getmetatable("").__index.sub = function() return "x" end
platforms { "linux/amd64" }
go_binary { name = "x", main = "/etc" }
