project { name = "x" }
platforms { "linux/amd64" }
go_binary { name = "app", main = "./cmd/app" }
homebrew { url = "https://example.org/{archive}" }
