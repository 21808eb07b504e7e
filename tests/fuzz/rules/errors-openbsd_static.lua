platforms { "openbsd/amd64" }
go_binary { name = "x", main = "./cmd/x", link = "static" }
