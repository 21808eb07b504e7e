platforms { "windows/amd64" }
go_binary { name = "x", main = "./cmd/x", cgo = true, link = "static" }
