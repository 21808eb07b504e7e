-- Three binaries for eight platforms: the usual static release matrix.
project { name = "matrix", version = var("version", "0.0.0-dev") }

platforms {
  "linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386",
  "windows/amd64", "darwin/amd64", "darwin/arm64", "freebsd/amd64",
}

go_binary {
  name = "server",            -- resolves names and users: net and os/user
  main = "./cmd/server",
  ldflags = { "-s", "-w" },
  x = { ["main.version"] = var("version", "0.0.0-dev") },
}

go_binary { name = "cli", main = "./cmd/cli" }

go_binary { name = "worker", main = "./cmd/worker", tags = { "matrixdemo" } }

-- ninja test: host tests, and cross-arch tests under qemu-user
go_test { packages = { "./..." }, args = { "-v" },
          platforms = { "linux/amd64", "linux/386", "linux/arm64", "linux/arm/v7" } }
