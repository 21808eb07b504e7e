platforms { "linux/amd64" }
go_binary { name = [==[../../tmp/x]==], main = "./cmd/x" }
