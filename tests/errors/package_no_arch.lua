project { name = "x" }
platforms { "linux/amd64", "linux/arm/v6" }
go_binary { name = "app", main = "./cmd/app" }
release { }
package { formats = { "deb", "rpm" }, maintainer = "M <m@example.org>",
          description = "a thing" }
