platforms { "linux/amd64" }
go_binary {
  name = "x", main = "./cmd/x",
  cover = true,   -- go build -cover: Go 1.20+, and the fake go is 1.19
}
