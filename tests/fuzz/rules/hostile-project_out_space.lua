project { out = "out dir" }
platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x" }
