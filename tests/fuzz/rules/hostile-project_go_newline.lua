project { go = "go\nrule pwn" }
platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x" }
