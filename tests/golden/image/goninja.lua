-- Images: per linux platform a layer of the binaries and files, then the
-- multi-arch index; arm without a variant is arm/v7 (GOARM's default),
-- amd64/v3 keeps its variant, windows is in no image.
project { name = "imgs", version = "2.0.1" }
platforms { "linux/amd64/v3", "linux/arm64", "linux/arm", "windows/amd64" }
go_binary { name = "server", main = "./cmd/server" }
go_binary { name = "cli", main = "./cmd/cli", platforms = { "linux/arm64" } }

image {
  name = "full",
  tag = "v{version}",
  entrypoint = { "/usr/local/bin/server", "--config", "it's here" },
  cmd = { "serve" },
  labels = { ["org.opencontainers.image.version"] = "{version}", b = "two words" },
  files = { ["README.md"] = "/usr/share/doc/imgs/README" },
}
image { name = "small", binaries = { "cli" } }
image { name = "onbase", base = "base", binaries = { "server" } }
