platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x", ldflags = { "-s", "-w\nrule pwn\n  command = touch /tmp/goninja-hostile-PWNED" } }
