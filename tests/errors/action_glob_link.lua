platforms { "linux/amd64" }
action { name = "gen", inputs = { "data/*" }, outputs = { "out/x" }, command = { "true" } }
