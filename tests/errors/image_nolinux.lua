platforms { "windows/amd64", "darwin/arm64" }
go_binary { name = "s", main = "./cmd/x" }
image { name = "s" }
