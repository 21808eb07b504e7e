-- Every cgo cell shape: native and cross, static and dynamic, musl, pie,
-- a declared darwin toolchain, C flags, race and the C library modes.
project { name = "cgo", verify = false }
platforms { "linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6", "windows/amd64", "darwin/arm64" }

toolchain { "darwin/arm64", cc = "oa64-clang", cxx = "oa64-clang++" }
toolchain { "linux/arm64", cc = "aarch64-linux-musl-gcc", libc = "musl" }

go_binary { name = "auto", main = "./cmd/a", cgo = true, ldflags = { "-s" },
            x = { ["main.v"] = "1" }, tags = { "prod" } }
go_binary { name = "dyn", main = "./cmd/a", cgo = true, link = "dynamic",
            extldflags = { "-Wl,--as-needed" }, platforms = { "linux/amd64", "linux/arm64" } }
go_binary { name = "musl", main = "./cmd/a", cgo = true, libc = "musl",
            platforms = { "linux/amd64", "linux/arm64" } }
go_binary { name = "pie", main = "./cmd/a", cgo = true, buildmode = "pie", link = "static",
            extldflags = { "-lm" }, platforms = { "linux/amd64" } }
go_binary { name = "nss", main = "./cmd/a", cgo = true, nss = true, platforms = { "linux/amd64" } }
go_binary { name = "flags", main = "./cmd/a", cgo = true, link = "dynamic",
            cgo_cflags = { "-O2", "-I/opt/x" }, cgo_ldflags = { "-L/opt/x" }, platforms = { "linux/amd64" } }
go_binary { name = "race", main = "./cmd/a", cgo = true, race = true, platforms = { "linux/amd64", "linux/arm64" } }
go_binary { name = "shared", main = "./cmd/a", cgo = true, buildmode = "c-shared",
            platforms = { "linux/amd64", "windows/amd64", "darwin/arm64" } }
go_binary { name = "archive", main = "./cmd/a", cgo = true, buildmode = "c-archive", platforms = { "linux/arm64" } }
