-- issue 12 item 4: a main that go build would read as an option
-- (-toolexec runs ./pwn for every compile)
platforms { "linux/amd64" }
go_binary { name = "x", main = "-toolexec=./pwn" }
