project { name = "p" }
platforms { "linux/amd64" }
