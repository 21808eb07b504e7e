platforms { "linux/amd64" }
local b = go_binary { name = "x", main = "./cmd/x" }
b.main = "/etc"
