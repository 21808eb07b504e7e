platforms { "linux/amd64" }
action { name = "gen", outputs = { "out/{os}/x.txt" }, command = { "true" } }
