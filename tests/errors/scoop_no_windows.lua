project { name = "x" }
platforms { "linux/amd64", "darwin/arm64" }
go_binary { name = "app", main = "./cmd/app" }
release { }
scoop { url = "https://example.org/{archive}" }
