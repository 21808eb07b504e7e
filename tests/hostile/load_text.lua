platforms { "linux/amd64" }
local f = load("return ...")
local name = f("s")
local g = load("x = 1", "=chunk", "t", {})
g()
go_binary { name = name, main = "./cmd/" .. name }
