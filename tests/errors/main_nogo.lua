platforms { "linux/amd64" }
go_binary { name = "docs", main = "./docs" }
