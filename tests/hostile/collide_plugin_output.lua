platforms { "linux/amd64" }
go_binary { name = "p", main = "./cmd/p", cgo = true, buildmode = "plugin" }
go_binary { name = "p.so", main = "./cmd/q" }
