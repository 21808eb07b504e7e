-- Generated code before the build: protobuf, stringer, an embedded file
-- and a C library per platform, each an action; ninja runs them.
project { name = "codegen", version = var("version", "1.0.0") }
platforms { "linux/amd64", "linux/arm64" }

local rules = load "tools/rules.lua"

rules.proto { name = "proto", files = { "greet.proto" }, dir = "api" }
rules.stringer { name = "colors", dir = "color", src = "color.go", type = "Color" }

-- the file web/web.go embeds (//go:embed banner.txt)
action { name = "banner", inputs = { "assets/*.txt" }, outputs = { "web/banner.txt" },
  shell = true, command = { "tr", "a-z", "A-Z", "<", "{inputs}", ">", "{out}" } }

-- libadd.a for each platform of the binaries that need it, by that
-- platform's C compiler (the one its cgo cells use)
action { name = "clib", platforms = "each", inputs = { "csrc/add.c" },
  outputs = { "out/clib/{target}/libadd.a" },
  depfile = "out/clib/{target}/add.d",
  shell = true, description = "CC out/clib/{target}/libadd.a",
  command = { "{cc} -c -MD -MT {out} -MF out/clib/{target}/add.d -o out/clib/{target}/add.o {inputs}",
              "&& rm -f {out} && {ar} rcs {out} out/clib/{target}/add.o" } }

go_binary { name = "app", main = "./cmd/app", cgo = true,
  deps = { "proto", "colors", "banner", "clib" },
  env = { GOFLAGS = "-mod=mod", GOPROXY = "off" } }

-- pure Go, no C: only the protobuf code
go_binary { name = "hello", main = "./cmd/hello", deps = { "proto" },
  env = { GOFLAGS = "-mod=mod", GOPROXY = "off" } }
