-- release edges: archives per platform, darwin_all, checksums, tests
project { name = "rel", version = "2.0.0" }
platforms { "linux/amd64", "linux/arm/v7", "windows/amd64", "darwin/amd64", "darwin/arm64" }
go_binary { name = "app", main = "./cmd/app", universal = true }
go_binary { name = "helper", main = "./cmd/helper", platforms = { "linux/amd64" } }
go_test { name = "unit", packages = { "./...", "./cmd/app" }, args = { "-short" },
          platforms = { "linux/amd64", "linux/arm/v7", "linux/386" } }
release { binaries = { "app" }, files = { "README.md" }, name = "{project}-{version}-{os}-{arch}{variant}" }
sign { with = "minisign", key = "keys/release.key" }
sign { with = "signify", files = "all" }
package { binaries = { "app" }, maintainer = "Rel <rel@example.org>", description = "rel's app",
          details = { "It's $HOME:", "", "a line" }, depends = { "ca-certificates" },
          files = { ["README.md"] = "/usr/share/doc/{project}/README.md" } }
homebrew { url = "https://example.org/{project}/v{version}/{archive}", description = "rel's \"app\"" }
scoop { name = "{project}-win", url = "https://example.org/{archive}", license = "MIT" }
