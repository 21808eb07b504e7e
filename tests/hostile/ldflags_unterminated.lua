platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x", ldflags = { "-X", "'main.a=b;touch /tmp/goninja-hostile-PWNED" } }
