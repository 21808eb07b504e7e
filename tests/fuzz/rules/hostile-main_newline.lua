platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd\n  command = touch /tmp/x" }
