project { name = "p",
  memory_per_link = "2 gigs" }
platforms { "linux/amd64" }
