-- Several binaries, per-binary platform overrides, and an included rule
-- file for a nested module (tools/ has its own go.mod).
project { name = "multi", version = var("version", "0.1.0") }

platforms { "linux/amd64", "linux/arm64", "windows/amd64", "darwin/arm64" }

-- the service ships everywhere
go_binary { name = "api", main = "./cmd/api" }

-- the migration tool only runs on the servers
go_binary { name = "migrate", main = "./cmd/migrate",
            platforms = { "linux/amd64", "linux/arm64", "linux/ppc64le" } }

include "tools/goninja.lua"
