project { name = "x" }
platforms { "linux/amd64" }
go_binary { name = "app", main = "./cmd/app" }
release { }
homebrew { url = "https://example.org/{archive}" }
homebrew { url = "https://example.org/v2/{archive}" }
