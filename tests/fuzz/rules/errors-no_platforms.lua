go_binary { name = "x", main = "./cmd/x" }
