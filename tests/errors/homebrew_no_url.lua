project { name = "x" }
platforms { "linux/amd64" }
go_binary { name = "app", main = "./cmd/app" }
release { }
homebrew { description = "no url" }
