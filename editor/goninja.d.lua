---@meta goninja

-- goninja rule files (goninja.lua) for the Lua language server (LuaLS):
-- completion, hover documentation and type checks for every declaration.
-- A definition file only: goninja never loads it. See editor/README.md.
--
-- Rule files run in a sandbox: string, table, math and utf8, and the safe
-- base functions; no io, os, require, debug, print, load of binary chunks,
-- clock or randomness.

---An output platform in OCI notation, `os/arch[/variant]`. The variant sets
---the variable Go reads (GOARM, GOAMD64, GO386, GOARM64, GOMIPS, GOMIPS64,
---GOPPC64, GORISCV64); without one goninja still sets it, to its documented
---default. Outputs go to `out/<os>_<arch>[_<variant>]/`.
---@alias goninja.Platform
---| "linux/amd64"
---| "linux/amd64/v3"
---| "linux/arm64"
---| "linux/arm/v7"
---| "linux/arm/v6"
---| "linux/386"
---| "linux/riscv64"
---| "linux/ppc64le"
---| "linux/s390x"
---| "linux/mips64le"
---| "linux/loong64"
---| "windows/amd64"
---| "windows/arm64"
---| "windows/386"
---| "darwin/amd64"
---| "darwin/arm64"
---| "freebsd/amd64"
---| "freebsd/arm64"
---| "openbsd/amd64"
---| "netbsd/amd64"
---| "illumos/amd64"
---| "android/arm64"
---| string

---@alias goninja.Link
---| "auto"    # static where the OS allows one (linux, freebsd, ...), else the OS default
---| "static"  # no dynamic loader; an error where the OS has no static binaries (darwin, windows, ...)
---| "dynamic" # dynamically linked; needs cgo = true on OSes where Go links statically

---@alias goninja.Libc
---| "glibc" # the default
---| "musl"  # cgo against musl (musl-gcc natively; declare a toolchain to cross-compile)

---@alias goninja.Buildmode
---| "exe"       # the default: an executable
---| "pie"       # a position-independent executable
---| "c-shared"  # a C shared library (libNAME.so, NAME.dll, libNAME.dylib); needs cgo
---| "c-archive" # a C static library (libNAME.a); needs cgo
---| "plugin"    # a Go plugin (NAME.so); needs cgo

---The project: one per rule file tree (an included file may not declare a second).
---@class goninja.Project
---The project's name: `{project}` in templates such as release archive names.
---@field name? string
---The version: `{version}` in stamps and archive names. Default "0.0.0-dev";
---usually `var("version", "0.0.0-dev")` so that `goninja -D version=1.2.3` sets it.
---@field version? string
---The Go command: "go" from PATH (the default) or a path such as
---"/usr/lib/go-1.23/bin/go". A go_binary or go_test may name its own.
---@field go? string
---The output directory, relative to the rule file. Default "out".
---@field out? string
---The release matrix; the same as a `platforms { ... }` declaration (only one of the two).
---@field platforms? goninja.Platform[]
---Default true: `ninja` (the `all` target) also runs `goninja check` on every
---binary, which must be what goninja promised (static, dynamic, its OS and arch).
---@field verify? boolean
---Default true: release builds add `-s -w` to the linker flags (no symbol
---table, no DWARF).
---@field strip? boolean
---Default true: release builds stamp `-X main.version={version}`,
---`-X main.commit={commit}` and `-X main.date={date}`; an `x` entry of the
---binary for the same symbol wins.
---@field stamp? boolean
---Default true: release builds link with an empty build id (`-buildid=`), for
---byte-identical binaries from any checkout.
---@field reproducible? boolean
---The oldest glibc every dynamic glibc binary must run on ("2.28"): `ninja
---verify` fails a binary needing a newer `GLIBC_` symbol version.
---@field glibc? string

---A Go main package built for every platform of the matrix: one ninja edge per
---(binary, platform) cell.
---@class goninja.Binary
---Required. The output file name (".exe" added on windows); also the ninja
---target that builds it for every platform. Letters, digits and "._+-".
---@field name string
---Required. The main package: "./dir" relative to the rule file, "." for the
---rule file's directory, or an import path.
---@field main string
---Default false: CGO_ENABLED=0, pure-Go net and os/user, a static binary on
---linux, no C compiler. true: CGO_ENABLED=1, with the C compiler of a declared
---`toolchain` or Debian's cross compiler for the platform (`goninja doctor`
---says which are installed).
---@field cgo? boolean
---Linking, default "auto". With cgo on linux "auto" links statically
---(external linker, `-static`, tags netgo,osusergo).
---@field link? goninja.Link
---Build tags, passed in goninja's single `-tags` (a second -tags would replace the first).
---@field tags? string[]
---Linker flags, in goninja's single `-ldflags` with the `-X` stamps.
---`-linkmode` and `-extldflags` are goninja's to set: use link and extldflags.
---@field ldflags? string[]
---Compiler flags: one `-gcflags`.
---@field gcflags? string[]
---`-X` stamps: symbol = value, e.g. `{ ["main.version"] = "{version}" }`.
---A value may name {project}, {version}, {commit}, {short_commit}, {date},
---{epoch}, {name}, {os}, {arch}, {variant}, {platform}, {target}; "{{" is a brace.
---{commit} and {date} come from git (or SOURCE_DATE_EPOCH) at generation.
---@field x? table<string, string>
---Extra environment for the build, e.g. `{ GOFLAGS = "-mod=vendor" }`. GOOS,
---GOARCH, CGO_ENABLED, GOTOOLCHAIN and the variant variables are goninja's.
---@field env? table<string, string>
---This binary's own matrix, replacing the project's.
---@field platforms? goninja.Platform[]
---This binary's Go command, instead of the project's.
---@field go? string
---Default true: `-trimpath`, no build paths in the binary.
---@field trimpath? boolean
---Default false. With cgo, static and glibc: keep libc's name and user
---lookups (NSS) instead of adding netgo,osusergo; the binary then needs the
---NSS libraries of the glibc it was linked with at run time (a warning says so).
---@field nss? boolean
---Default false: `-race`. Needs cgo and a platform Go's race detector
---supports (linux/amd64, linux/arm64, darwin, windows/amd64, ...).
---@field race? boolean
---Default false: `-msan`. Needs cgo; linux/amd64, linux/arm64, freebsd/amd64.
---@field msan? boolean
---The C library for cgo, default "glibc".
---@field libc? goninja.Libc
---Default "exe".
---@field buildmode? goninja.Buildmode
---Flags for the external linker (cgo), after goninja's `-static` when static.
---@field extldflags? string[]
---CGO_CFLAGS for this binary's C code.
---@field cgo_cflags? string[]
---CGO_LDFLAGS for this binary's C code.
---@field cgo_ldflags? string[]
---Default false: also a macOS universal binary, `out/darwin_all/NAME`, made
---by `goninja lipo` from the darwin/amd64 and darwin/arm64 cells (both must
---be in its platforms).
---@field universal? boolean
---This binary's glibc floor ("2.28"), instead of the project's; static and
---musl cells have none.
---@field glibc? string

---The C compiler cgo uses for a platform, instead of goninja's built-in
---table of Debian's cross compilers.
---@class goninja.Toolchain
---Required, first: the platform, "os/arch" or with a variant ("linux/arm/v6").
---@field [1] goninja.Platform
---Required: the C compiler (CC), a command on PATH or a path.
---@field cc string
---The C++ compiler (CXX).
---@field cxx? string
---The archiver (AR), used for buildmode = "c-archive".
---@field ar? string
---The C library this compiler targets, default "glibc"; a musl toolchain
---serves binaries with libc = "musl".
---@field libc? goninja.Libc

---`go test` for every platform of a matrix, natively or under qemu-user;
---`ninja test` runs every go_test.
---@class goninja.Test
---Default "test"; unique among go_test declarations (each run leaves
---`out/.test/<target>/<name>.ok`).
---@field name? string
---The packages, default `{ "./..." }`, relative to the rule file.
---@field packages? string[]
---The platforms to test on, default the project's matrix; each must run on
---this machine (natively, or linux under qemu-user).
---@field platforms? goninja.Platform[]
---Default false, as for go_binary.
---@field cgo? boolean
---Build tags: one `-tags`.
---@field tags? string[]
---Extra environment, as for go_binary.
---@field env? table<string, string>
---The Go command for the tests, instead of the project's.
---@field go? string
---Extra arguments to go test, e.g. `{ "-count=1", "-short" }`.
---@field args? string[]
---Default false: `-race`.
---@field race? boolean
---The C library for cgo, default "glibc".
---@field libc? goninja.Libc

---Release archives of the binaries per platform, and a checksum file (`ninja release`).
---@class goninja.Release
---The go_binary names to archive; default every binary.
---@field binaries? string[]
---The archive name template, default "{project}_{version}_{target}"
---(.tar.gz, or .zip for windows).
---@field name? string
---Files added to every archive (README, LICENSE, ...), relative to the rule file.
---@field files? string[]
---The checksum file name, default "SHA256SUMS".
---@field checksums? string
---Each binary's SPDX and CycloneDX SBOMs: "beside" the archives (default,
---listed in the checksum file), inside the "archive", or "none".
---@field sbom? "beside"|"archive"|"none"

---Signatures over the release, made by the real tool at build time.
---@class goninja.Sign
---"minisign", "signify" (signify-openbsd), "gpg" or "cosign" (not in Debian 12).
---@field with "minisign"|"signify"|"gpg"|"cosign"
---The secret key file (a key id or user id for gpg); default
---$GONINJA_<WITH>_KEY at build time. The password: $GONINJA_<WITH>_PASSWORD.
---@field key? string
---"checksums" (default: the checksum file only) or "all" (every release file).
---@field files? "checksums"|"all"

---Declare the project: its name, version, Go command and defaults.
---```lua
---project { name = "demo", version = var("version", "0.0.0-dev") }
---```
---@param spec goninja.Project
function project(spec) end

---Declare the release matrix, once: `os/arch[/variant]` strings.
---```lua
---platforms { "linux/amd64", "linux/arm64", "linux/arm/v7", "windows/amd64" }
---```
---@param list goninja.Platform[]
function platforms(list) end

---Declare a Go binary, built for every platform of the matrix.
---```lua
---go_binary { name = "server", main = "./cmd/server", tags = { "prod" } }
---```
---@param spec goninja.Binary
function go_binary(spec) end

---Declare the C compiler cgo uses for a platform.
---```lua
---toolchain { "linux/riscv64", cc = "riscv64-linux-gnu-gcc" }
---```
---@param spec goninja.Toolchain
function toolchain(spec) end

---Declare go test runs, one per platform (`ninja test`).
---```lua
---go_test { packages = { "./..." }, platforms = { "linux/amd64", "linux/arm64" } }
---```
---@param spec goninja.Test
function go_test(spec) end

---Declare release archives and checksums (`ninja release`), once.
---```lua
---release { files = { "README.md", "LICENSE" } }
---```
---@param spec goninja.Release
function release(spec) end

---Declare a signature edge per release file it covers, once per tool.
---```lua
---sign { with = "minisign", key = var("key") }
---```
---@param spec goninja.Sign
function sign(spec) end

---The value given with `goninja -D name=value`, else `default`.
---```lua
---version = var("version", "0.0.0-dev")
---```
---@generic T
---@param name string
---@param default? T
---@return string|T
function var(name, default) end

---Evaluate another rule file, relative to this one. Its `main` and
---`packages` paths are relative to it, and its binaries are built from its
---directory (a nested module works). Each file is read once.
---```lua
---include "tools/goninja.lua"
---```
---@param path string
function include(path) end
