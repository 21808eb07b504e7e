platforms { "linux/amd64" }
go_binary { name = [==[bin/x]==], main = "./cmd/x" }
