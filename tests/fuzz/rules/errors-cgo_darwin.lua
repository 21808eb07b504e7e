platforms { "linux/amd64", "darwin/arm64" }
go_binary { name = "x", main = "./cmd/x", cgo = true }
