platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x", x = { ["main.v"] = "1\nbuild pwn: phony" } }
