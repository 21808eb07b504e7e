platforms { "linux/amd64" }
go_binary { name = [==[it's]==], main = "./cmd/x" }
