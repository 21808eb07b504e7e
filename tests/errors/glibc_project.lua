project { glibc = "3.0" }
platforms { "linux/amd64" }
go_binary { name = "a", main = "." }
