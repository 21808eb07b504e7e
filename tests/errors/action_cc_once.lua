platforms { "linux/amd64" }
action { name = "clib", outputs = { "out/libc.a" },
  command = { "{cc}", "-c", "x.c" } }
