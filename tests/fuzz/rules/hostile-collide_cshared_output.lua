platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x", cgo = true, buildmode = "c-shared" }
go_binary { name = "libx.so", main = "./cmd/y" }
