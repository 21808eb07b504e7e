project { name = "p", jobs = "4" }
platforms { "linux/amd64" }
