platforms { "linux/amd64", "wasip1/wasm" }
go_binary { name = "x", main = "./cmd/x" }
