platforms { "linux/amd64\0garbage" }
