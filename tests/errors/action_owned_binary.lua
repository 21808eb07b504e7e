platforms { "linux/amd64", "linux/arm64" }
action { name = "fake", platforms = "each", outputs = { "out/{target}/x" }, command = { "true" } }
go_binary { name = "x", main = ".", deps = { "fake" } }
