platforms { "linux/amd64" }
action { name = "gen", outputs = { "go.mod" }, command = { "true" } }
go_binary { name = "x", main = "." }
