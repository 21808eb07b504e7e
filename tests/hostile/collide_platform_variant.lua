platforms { "linux/arm", "linux/arm/v7" }
