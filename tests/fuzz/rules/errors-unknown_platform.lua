platforms { "linux/amd64", "linux/amd46" }
go_binary { name = "x", main = "./cmd/x" }
