platforms { "linux/amd64" }
action { name = "a", command = { "true" } }
