platforms { "linux/amd64" }
go_binary { name = "a\nbuild pwn: phony", main = "./cmd/x" }
