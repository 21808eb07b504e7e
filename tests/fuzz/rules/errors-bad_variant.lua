platforms { "linux/amd64/v7" }
go_binary { name = "x", main = "./cmd/x" }
