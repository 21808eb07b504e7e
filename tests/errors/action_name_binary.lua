platforms { "linux/amd64" }
action { name = "x", outputs = { "out/gen.txt" }, command = { "true" } }
go_binary { name = "x", main = "." }
