platforms { "linux/amd64" }
action { name = "a", outputs = { "x" }, env = { ["A B"] = "1" }, command = { "true" } }
