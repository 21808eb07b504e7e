platforms { "linux/arm64" }
go_binary { name = "x", main = "./cmd/x", cgo = true, libc = "musl" }
