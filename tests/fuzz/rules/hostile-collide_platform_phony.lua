platforms { "linux/amd64" }
go_binary { name = "a", main = "./cmd/a", platforms = { "linux/arm/v6" } }
go_binary { name = "linux_arm_v6", main = "./cmd/b" }
