project { name = "p", jobs = 0 }
platforms { "linux/amd64" }
