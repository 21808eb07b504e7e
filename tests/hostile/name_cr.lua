platforms { "linux/amd64" }
go_binary { name = "a\rb", main = "./cmd/x" }
