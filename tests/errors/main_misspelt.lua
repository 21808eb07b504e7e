platforms { "linux/amd64" }
go_binary { name = "server", main = "./cmd/sever" }
