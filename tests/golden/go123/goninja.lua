project { name = "def", version = var("version", "dev") }
platforms { "linux/amd64", "linux/arm64/v9.2", "linux/riscv64/rva22u64" }
go_binary { name = "app", main = "./cmd/app", x = { ["main.version"] = var("version", "dev") } }
-- a Go floor met: cover needs Go 1.20, this Go is 1.23
go_binary { name = "covered", main = "./cmd/app", cover = true }
