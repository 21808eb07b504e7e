platforms { "linux/x86_64", "linux/armv7", "linux/amd64", "linux/arm46", "macos/arm64" }
go_binary { name = "x", main = "./cmd/x" }
