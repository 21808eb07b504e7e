platforms { "linux/amd64" }
go_binary { name = "all", main = "./cmd/x" }
