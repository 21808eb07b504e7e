platforms { "linux/amd64" }
go_binary { name = "goninja.lua", main = "./cmd/x" }
