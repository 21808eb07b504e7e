platforms { "linux/amd64" }
action { name = "gen", outputs = { "a.go" }, command = { "true" } }
action { name = "gen", outputs = { "b.go" }, command = { "true" } }
