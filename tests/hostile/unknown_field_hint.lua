platforms { "linux/amd64" }
go_binary { name = "x", mian = "./cmd/x" }
