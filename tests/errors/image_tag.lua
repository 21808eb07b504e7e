project { version = "1.0+build.5" }
platforms { "linux/amd64" }
go_binary { name = "s", main = "./cmd/x" }
image { name = "s" }
