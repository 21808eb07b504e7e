platforms { "linux/amd64", "linux/arm64" }
action { name = "clib", platforms = "each", outputs = { "out/libc.a" },
  command = { "{cc}", "-c", "x.c" } }
go_binary { name = "x", main = ".", deps = { "clib" } }
