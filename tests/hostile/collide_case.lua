-- issue 12 item 12: names that differ only in case collide in a Windows
-- zip and on case-insensitive file systems
platforms { "linux/amd64", "windows/amd64" }
go_binary { name = "Tool", main = "./cmd/a" }
go_binary { name = "b", main = "./cmd/a" }
go_binary { name = "tool", main = "./cmd/a" }
