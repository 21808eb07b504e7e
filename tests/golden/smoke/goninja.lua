-- smoke edges: from the archive for released binaries, from out/ otherwise;
-- windows in the wine pool; a dynamic cross cgo cell passes its compiler
project { name = "smk", version = "3.1.0" }
platforms { "linux/amd64", "linux/arm64", "windows/amd64", "darwin/arm64" }
go_binary { name = "app", main = "./cmd/app",
            smoke = { args = { "--version" }, expect = "app {version} {os}" } }
go_binary { name = "helper", main = "./cmd/helper", cgo = true, link = "dynamic",
            platforms = { "linux/arm64" }, glibc = "2.31",
            smoke = { { args = { "-h" }, status = 2, timeout = 5 }, { expect = "^ok$" } } }
release { binaries = { "app" } }
