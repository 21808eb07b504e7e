platforms { "linux/amd64" }
go_binary { name = "go.mod", main = "./cmd/x" }
