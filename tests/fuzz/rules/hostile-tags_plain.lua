platforms { "linux/amd64" }
go_binary { name = "s", main = "./cmd/s", tags = { "a.b", "c_d", "E9" } }
