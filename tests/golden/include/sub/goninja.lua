-- a nested module: built from its own directory
go_binary { name = "tool", main = "./tool", platforms = { "linux/s390x", "windows/arm64" } }
