project { name = "x" }
platforms { "linux/amd64" }
go_binary { name = "app", main = "./cmd/app" }
release { }
package { maintainer = "M <m@example.org>", description = "a thing",
          scripts = { postinstall = "goninja.lua" } }
