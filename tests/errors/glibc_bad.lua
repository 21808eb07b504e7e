platforms { "linux/amd64" }
go_binary { name = "a", main = ".", glibc = "2.x" }
