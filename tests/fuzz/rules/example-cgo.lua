-- cgo on: static and dynamic, native and cross, glibc and musl.
project { name = "cgodemo" }

local native = { "linux/amd64" }
local linux = { "linux/amd64", "linux/arm64", "linux/arm/v7" }

-- link = "auto": static on linux (external linking, netgo,osusergo added),
-- the OS default on windows, through mingw
go_binary {
  name = "netuser", main = "./cmd/netuser", cgo = true,
  platforms = { "linux/amd64", "linux/arm64", "linux/arm/v7", "windows/amd64" },
}

go_binary { name = "netuser-dyn", main = "./cmd/netuser", cgo = true,
            link = "dynamic", platforms = linux }

go_binary { name = "netuser-musl", main = "./cmd/netuser", cgo = true,
            libc = "musl", platforms = native }

go_binary { name = "netuser-pie", main = "./cmd/netuser", cgo = true,
            buildmode = "pie", link = "static", platforms = native }

-- libsqlite3.a needs libm when linked statically
go_binary { name = "sqlite", main = "./cmd/sqlite", cgo = true,
            extldflags = { "-lm" }, platforms = { "linux/amd64", "linux/arm64" } }

go_binary { name = "sqlite-dyn", main = "./cmd/sqlite", cgo = true,
            link = "dynamic", platforms = { "linux/amd64", "linux/arm64" } }

-- no C of its own: the external link must still pull in runtime/cgo
go_binary { name = "puredns", main = "./cmd/puredns", cgo = true, platforms = linux }
