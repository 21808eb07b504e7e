platforms { "linux/amd64" }
go_bianry { name = "x", main = "./cmd/x" }
