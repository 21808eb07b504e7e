platforms { "linux/amd64" }
go_binary "x"
