platforms { "linux/amd64" }
go_binary { name = "a", main = ".", smoke = { { args = { "--version" } }, { status = 300 } } }
