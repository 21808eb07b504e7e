platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x", link = string.rep("static", 1e6) }
