platforms { "linux/amd64\n" }
