platforms { "linux/amd64" }
action { name = "gen", outputs = { "../x.go" }, command = { "true" } }
