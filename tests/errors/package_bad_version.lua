project { name = "x", version = "release_1" }
platforms { "linux/amd64" }
go_binary { name = "app", main = "./cmd/app" }
release { }
package { maintainer = "M <m@example.org>", description = "a thing" }
