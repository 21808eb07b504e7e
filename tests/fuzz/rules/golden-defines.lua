project { name = "def", version = var("version", "dev") }
platforms { "linux/amd64" }
go_binary { name = "app", main = "./cmd/app", x = { ["main.version"] = var("version", "dev") } }
