platforms { "linux/amd64" }
go_binary { name = "s", main = "./cmd/x" }
image { name = "s",
  labels = { ["a=b"] = "c" } }
