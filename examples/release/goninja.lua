-- A release: two binaries, six platforms, a macOS universal binary,
-- reproducible archives with README and LICENSE, SHA256SUMS, and .deb
-- and .rpm packages, a Homebrew formula and a Scoop manifest, and a
-- multi-arch OCI image of app (linux amd64, arm64, arm/v7).
project { name = "relapp", version = var("version", "1.0.0") }

platforms { "linux/amd64", "linux/arm64", "linux/arm/v7",
            "windows/amd64", "darwin/amd64", "darwin/arm64" }

go_binary { name = "app", main = "./cmd/app", universal = true }
go_binary { name = "tool", main = "./cmd/tool" }

go_test { packages = { "./..." }, platforms = { "linux/amd64", "linux/arm64" } }

release { files = { "README.md", "LICENSE" }, sbom = "archive" }   -- SBOMs inside

-- Linux packages: a .deb and an .rpm per linux platform (ninja package)
package {
  formats = { "deb", "rpm" },
  maintainer = "goninja authors <maintainers@example.org>",
  description = "example release of two small programs",
  details = { "Built by goninja from examples/release: app prints where it",
              "runs, tool is a second binary." },
  license = "MIT",
  homepage = "https://example.org/relapp",
  files = { ["LICENSE"] = "/usr/share/doc/{project}/copyright",
            ["packaging/relapp.conf"] = "/etc/relapp.conf" },
  config = { "/etc/relapp.conf" },
  scripts = { postinst = "packaging/postinst" },
}

-- install manifests over the archives: a Homebrew formula (tap layout)
-- and a Scoop manifest, regenerated when an archive changes
local download = "https://example.org/relapp/releases/download/v{version}/{archive}"
homebrew { url = download, description = "example release of two small programs",
           homepage = "https://example.org/relapp", license = "MIT" }
scoop { url = download, description = "example release of two small programs",
        homepage = "https://example.org/relapp", license = "MIT" }

-- an OCI image per linux platform of app and a multi-arch index over them,
-- written without a daemon: out/image/relapp/ and out/image/relapp.tar
image { name = "relapp", binaries = { "app" }, ca_certificates = true,
        files = { ["LICENSE"] = "/usr/share/doc/relapp/LICENSE" } }
