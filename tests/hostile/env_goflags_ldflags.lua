platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x", env = { GOFLAGS = "-ldflags=-X=a=b" } }
