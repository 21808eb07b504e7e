platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x", cgo = true, link = "static", ldflags = { "example.com/x=-s" } }
