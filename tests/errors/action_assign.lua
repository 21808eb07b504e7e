platforms { "linux/amd64" }
action { name = "a", outputs = { "gen/x.go" }, command = { "CC=gcc", "make" } }
