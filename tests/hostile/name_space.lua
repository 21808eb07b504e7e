platforms { "linux/amd64" }
go_binary { name = [==[a b]==], main = "./cmd/x" }
