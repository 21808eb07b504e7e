platforms { "linux/amd64" }
local ok, err = pcall(string.rep, "x", 1 << 30)
assert(not ok and err == "not enough memory")
go_binary { name = "s", main = "./cmd/s" }
