platforms { "linux/amd64" }
action { name = "gen", inputs = { "proto/*.proto" }, outputs = { "out/x" }, command = { "true" } }
