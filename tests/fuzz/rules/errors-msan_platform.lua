platforms { "linux/arm/v7" }
go_binary { name = "x", main = "./cmd/x", cgo = true, msan = true }
