platforms { "linux/amd64" }
action { name = "clib", platforms = "each", outputs = { "out/{target}/libc.a" },
  command = { "{cc}", "-c", "x.c" } }
