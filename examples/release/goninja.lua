-- A release: two binaries, six platforms, a macOS universal binary,
-- reproducible archives with README and LICENSE, and SHA256SUMS.
project { name = "relapp", version = var("version", "1.0.0") }

platforms { "linux/amd64", "linux/arm64", "linux/arm/v7",
            "windows/amd64", "darwin/amd64", "darwin/arm64" }

go_binary { name = "app", main = "./cmd/app", universal = true }
go_binary { name = "tool", main = "./cmd/tool" }

go_test { packages = { "./..." }, platforms = { "linux/amd64", "linux/arm64" } }

release { files = { "README.md", "LICENSE" }, sbom = "archive" }   -- SBOMs inside
