platforms { "linux/amd64" }
action { name = "a", outputs = { "gen/x.go" }, command = { "true" } }
action { name = "b", outputs = { "gen/x.go" }, command = { "true" } }
