platforms { "linux/amd64" }
go_binary { name = [==[über]==], main = "./cmd/x" }
