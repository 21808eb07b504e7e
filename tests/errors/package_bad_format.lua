project { name = "x" }
platforms { "linux/amd64" }
go_binary { name = "app", main = "./cmd/app" }
release { }
package { formats = { "deb", "apk" }, maintainer = "M <m@example.org>",
          description = "a thing" }
