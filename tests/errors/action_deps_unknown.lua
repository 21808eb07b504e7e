platforms { "linux/amd64" }
action { name = "proto", outputs = { "api/a.go" }, command = { "true" } }
go_binary { name = "x", main = ".",
  deps = { "protos" } }
