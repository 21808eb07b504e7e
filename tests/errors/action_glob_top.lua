platforms { "linux/amd64" }
action { name = "gen", inputs = { "*.lua" }, outputs = { "out/x" }, command = { "true" } }
