-- issue 12 item 4: a go_test package that go test would read as an option
platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x" }
go_test { packages = { "./...", "-exec=./pwn" } }
