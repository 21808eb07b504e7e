platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x", ldflags = { "-X main.version=1.0.0" },
            x = { ["main.version"] = "2.0.0" } }
