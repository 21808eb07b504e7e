go_binary { name = "s", main = "./cmd/s" }
