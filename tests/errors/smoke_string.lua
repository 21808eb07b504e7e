platforms { "linux/amd64" }
go_binary { name = "a", main = ".", smoke = "--version" }
