project { name = "x", sbom = false }
platforms { "linux/amd64" }
go_binary { name = "app", main = "./cmd/app" }
release { }
