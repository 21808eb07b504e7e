-- The issue's example: every field, the eight-platform matrix.
project { name = "demo", version = var("version", "0.0.0-dev") }

platforms { "linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386",
            "windows/amd64", "darwin/amd64", "darwin/arm64", "freebsd/amd64" }

go_binary {
  name = "server",
  main = "./cmd/server",
  cgo  = false,
  link = "auto",
  tags = { "netgo", "prod" },
  ldflags = { "-s", "-w" },
  x = { ["main.version"] = "1.0 beta", ["main.commit"] = "abc$def" },
  env = { GOFLAGS = "-mod=vendor", ZZ = "it's" },
}

go_binary { name = "cli", main = "./cmd/cli", platforms = { "linux/amd64/v3", "linux/riscv64" } }

-- declared in a loop over a table: order must not leak into the output
local tools = { lint = "./cmd/lint", fmt = "./cmd/fmt", gen = "./cmd/gen" }
for name, main in pairs(tools) do
  go_binary { name = name, main = main, platforms = { "linux/amd64" } }
end
