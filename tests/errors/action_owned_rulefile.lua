platforms { "linux/amd64" }
action { name = "gen", outputs = { "goninja.lua" }, command = { "true" } }
