platforms { "linux/amd64" }
go_binary { name = "s", main = "example.com/x-y/cmd/s_1.2+3" }
