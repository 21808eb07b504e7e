platforms { "linux/amd64", {} }
