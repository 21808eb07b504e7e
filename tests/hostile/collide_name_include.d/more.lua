go_binary { name = "more.lua", main = "./cmd/x" }
