project { name = "gen", version = "1.0" }
platforms { "linux/amd64", "linux/arm64" }

-- a glob, expanded sorted; an argv with a blank and a quote, quoted
action { name = "proto", inputs = { "proto/*.proto" }, outputs = { "api/api.pb.go" },
  command = { "protoc", "-Iproto", "--go_out=paths=source_relative:api", "{inputs}",
              "--note=it's {version}" },
  description = "PROTOC {out}" }

-- a shell command, run in its own directory, with an environment
action { name = "stamp", outputs = { "out/gen/stamp.txt" }, dir = "out",
  shell = true, env = { LC_ALL = "C" }, command = { "date -u > {out}", "&&", "echo ok" } }

-- once per platform of the binaries that name it
action { name = "clib", inputs = { "csrc/lib.c" }, platforms = "each",
  outputs = { "out/clib/{target}/libc.a", "out/clib/{target}/lib.o" },
  depfile = "out/clib/{target}/lib.d",
  shell = true, description = "CC {target}/libc.a",
  command = { "{cc}", "-c", "-MD", "-MF", "out/clib/{target}/lib.d", "-o",
              "out/clib/{target}/lib.o", "{inputs}", "&&", "{ar}", "rcs", "{out}", "out/clib/{target}/lib.o" } }

-- an argument vector: "&&" is a word for echo, not the shell's
action { name = "words", outputs = { "out/words.txt" }, command = { "echo", "a && b;", "$HOME", "{outputs}" } }

go_binary { name = "server", main = "./cmd/server", cgo = true, deps = { "proto", "clib" },
  platforms = { "linux/amd64", "linux/arm64" } }
go_binary { name = "plain", main = "./cmd/server", deps = { "proto" } }

-- go generate over packages, as an action
go_generate { name = "gen", packages = { "./cmd/..." }, inputs = { "cmd/server/main.go" },
  outputs = { "cmd/server/zz_gen.go" }, env = { GOFLAGS = "-mod=mod" } }

-- no deps: the action writes into its main package's directory, so the
-- binary needs it all the same
action { name = "version", outputs = { "cmd/tool/version_gen.go" }, command = { "true" } }
go_binary { name = "tool", main = "./cmd/tool/", platforms = { "linux/amd64" } }
