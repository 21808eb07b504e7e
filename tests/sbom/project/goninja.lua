-- The SBOM test: github.com/google/uuid is linked into windows binaries only.
project { name = "supply", version = "1.2.3" }
platforms { "linux/amd64", "linux/arm64", "windows/amd64", "windows/arm64" }
go_binary { name = "app", main = "./cmd/app" }
release { files = { "README.md" }, sbom = var("sbom", "beside") }
if var("sign", "no") == "yes" then
  sign { with = "minisign", files = "all" }   -- the key: $GONINJA_MINISIGN_KEY
  sign { with = "signify", key = var("signify_key") }
  sign { with = "gpg", key = var("gpg_key") }
end
