platforms { "linux/amd64" }
go_binary { name = "a\0b", main = "./cmd/x" }
