project { name = "p\nbuild all: phony" }
platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x" }
