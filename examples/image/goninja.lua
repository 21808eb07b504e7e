-- Container images without a daemon: one OCI image per linux platform of
-- the server, a multi-arch index over them, as an OCI layout directory
-- (out/image/imgapp/) and an OCI archive (out/image/imgapp.tar).
project { name = "imgapp", version = var("version", "1.2.0") }

platforms { "linux/amd64", "linux/arm64", "linux/arm/v7" }

go_binary { name = "server", main = "./cmd/server", x = { ["main.version"] = "{version}" },
            smoke = { args = { "--version" }, expect = "imgapp server {version}" } }

image {
  name = "imgapp",
  binaries = { "server" },
  base = "scratch",
  cmd = { "--serve" },
  labels = { ["org.opencontainers.image.source"] = "https://example.com/imgapp",
             ["org.opencontainers.image.version"] = "{version}" },
  ca_certificates = true,
  files = { ["LICENSE"] = "/usr/share/doc/imgapp/LICENSE" },
}

release { files = { "LICENSE" } }   -- ninja release builds the image too
