-- fields: every field of every declaration, in one place. The Lua schema
-- checks against it, the C reader (src/model.c) must name the same keys
-- (checked at every run), and scripts/fields.lua writes the editor
-- definitions, the man page's and README's field lists and the fuzz
-- dictionary from it (`make fields`; tests/fields.sh fails on drift).
--
-- An entry: { key, kind, default = v, required = true, since = N,
--             lua = "LuaLS type", as = "model key", doc = "one line" }
--   kind     "string", "boolean", "strings" (a list; a lone string is a
--            list of one), "map" (name = value), "platforms" (a list of
--            os/arch[/variant]), "smoke" (a run { args, expect, status,
--            timeout } or a list of them), or a list of the allowed strings
--   default  what the model holds when the field is not written
--   missing  the error when a required field is not written
--   since    the Go minor version the field needs when it is set to
--            anything but its default (20: Go 1.20); checked per binary
--            once its Go is known, with the error on the field
--   doc      markdown: `code`; one line (the generator wraps it)
-- A declaration: { name, { entries }, class = "LuaLS class", doc = "..." }.
-- Declarations and fields are in documentation order.

local link = { "auto", "static", "dynamic" }
local libc = { "glibc", "musl" }
local buildmode = { "exe", "pie", "c-shared", "c-archive", "plugin" }

return {
  { "project", class = "goninja.Project", doc = "The project: one per rule file tree.", {
    { "name", "string",
      doc = "The project's name: `{project}` in templates such as release archive names." },
    { "version", "string", default = "0.0.0-dev",
      doc = "`{version}` in stamps and archive names; usually `var(\"version\", \"0.0.0-dev\")` so that `goninja -D version=1.2.3` sets it." },
    { "go", "string", default = "go",
      doc = "The Go command: `go` from PATH, or a path such as /usr/lib/go-1.23/bin/go; a go_binary or go_test may name its own." },
    { "out", "string", default = "out",
      doc = "The output directory, relative to the rule file." },
    { "platforms", "platforms",
      doc = "The release matrix, as a `platforms { ... }` declaration (only one of the two)." },
    { "verify", "boolean", default = true,
      doc = "`ninja` (the `all` target) also runs `goninja check` on every binary, which must be what goninja promised (static, dynamic, its OS and arch)." },
    { "strip", "boolean", default = true,
      doc = "Release builds add `-s -w` to the linker flags (no symbol table, no DWARF)." },
    { "stamp", "boolean", default = true,
      doc = "Release builds stamp `-X main.version={version}`, `main.commit={commit}` and `main.date={date}`; an `x` entry for the same symbol wins." },
    { "reproducible", "boolean", default = true,
      doc = "Release builds link with an empty build id (`-buildid=`): byte-identical binaries from any checkout." },
    { "glibc", "string",
      doc = "The oldest glibc every dynamic glibc binary must run on, such as \"2.28\": `ninja verify` fails a binary needing a newer `GLIBC_` symbol version." },
  } },

  { "go_binary", class = "goninja.Binary", doc = "A Go main package built for every platform of the matrix.", {
    { "name", "string", required = true,
      doc = "The output file name (\".exe\" added on windows) and the ninja target of all its cells; letters, digits and \"._+-\"." },
    { "main", "string", required = true,
      doc = "The main package: `./dir` relative to the rule file, `.` for its directory, or an import path." },
    { "cgo", "boolean", default = false,
      doc = "false: `CGO_ENABLED=0`, pure-Go net and os/user, static on linux, no C compiler; true: `CGO_ENABLED=1` with a declared `toolchain` or Debian's cross compiler." },
    { "link", link, default = "auto", lua = "goninja.Link",
      doc = "\"auto\" (static where the OS allows one), \"static\" or \"dynamic\" (needs cgo on linux); with cgo, auto links statically (`-static`, tags netgo,osusergo)." },
    { "tags", "strings",
      doc = "Build tags, in goninja's single `-tags` (a second -tags would replace the first)." },
    { "ldflags", "strings",
      doc = "Linker flags as written inside `-ldflags=\"...\"`: joined by blanks, split by Go (quote a word with blanks as Go does: `\"-X 'main.msg=a b'\"`), in goninja's single `-ldflags` with the stamps; the rule's own `-X` for a symbol wins over the default stamp; `-linkmode` and `-extldflags` are goninja's to set." },
    { "gcflags", "strings", doc = "Compiler flags as written inside `-gcflags=\"...\"` (`{ \"all=-N -l\" }` works): one `-gcflags`." },
    { "x", "map",
      doc = "`-X` stamps, symbol = value; a value may name {project}, {version}, {commit}, {short_commit}, {date}, {epoch}, {name}, {os}, {arch}, {variant}, {platform}, {target} (\"{{\" for a brace)." },
    { "env", "map",
      doc = "Extra environment such as `{ GOFLAGS = \"-mod=vendor\" }`; GOOS, GOARCH, CGO_ENABLED, GOTOOLCHAIN and the variant variables are goninja's." },
    { "platforms", "platforms", doc = "This binary's own matrix, replacing the project's." },
    { "go", "string", doc = "This binary's Go command, instead of the project's." },
    { "trimpath", "boolean", default = true, doc = "`-trimpath`: no build paths in the binary." },
    { "universal", "boolean", default = false,
      doc = "Also a macOS universal binary, `out/darwin_all/NAME`, from its darwin/amd64 and darwin/arm64 cells (both must be in its platforms)." },
    { "cover", "boolean", default = false, since = 20,
      doc = "`go build -cover`: the binary writes coverage data to $GOCOVERDIR when it runs." },
    { "libc", libc, default = "glibc", lua = "goninja.Libc",
      doc = "The C library for cgo: \"glibc\" or \"musl\" (musl-gcc natively; declare a toolchain to cross-compile)." },
    { "nss", "boolean", default = false,
      doc = "With cgo, static and glibc: keep libc's name and user lookups instead of adding netgo,osusergo; the binary then needs its glibc's NSS libraries at run time (a warning says so)." },
    { "extldflags", "strings",
      doc = "Flags for the external linker (cgo), after goninja's `-static` when static." },
    { "cgo_cflags", "strings", doc = "CGO_CFLAGS for this binary's C code." },
    { "cgo_ldflags", "strings", doc = "CGO_LDFLAGS for this binary's C code." },
    { "buildmode", buildmode, default = "exe", lua = "goninja.Buildmode",
      doc = "\"exe\", \"pie\", \"c-shared\", \"c-archive\" or \"plugin\" (the last three need cgo)." },
    { "race", "boolean", default = false,
      doc = "`-race`: needs cgo and a platform Go's race detector supports (linux/amd64, linux/arm64, darwin, windows/amd64, ...)." },
    { "msan", "boolean", default = false,
      doc = "`-msan`: needs cgo; linux/amd64, linux/arm64, freebsd/amd64." },
    { "glibc", "string",
      doc = "This binary's glibc floor (\"2.28\"), instead of the project's; static and musl cells have none." },
    { "smoke", "smoke", lua = "goninja.Smoke|goninja.Smoke[]",
      doc = "Smoke runs for `ninja smoke`: `{ args = { \"--version\" }, expect = \"{version}\", status = 0, timeout = 60 }` or a list of them; `expect` is a substring or Lua pattern of stdout, templates as in `x`. Run natively, under qemu-user or wine64 where this machine can, from the release archive when there is one; other platforms say \"not run\" and why." },
    { "deps", "strings",
      doc = "The `action` names whose outputs this binary is built from (generated Go files, embedded files, C libraries): each cell's go build waits for them and rebuilds when they change; a per-platform action's outputs of the cell's own platform." },
  } },

  { "toolchain", class = "goninja.Toolchain", doc = "The C compiler cgo uses for a platform, instead of goninja's table of Debian's cross compilers.", {
    { 1, "string", required = true, as = "platform", lua = "goninja.Platform",
      missing = "name the platform first: toolchain { \"linux/arm64\", cc = ... }",
      doc = "First, without a key: the platform, \"os/arch\" or with a variant (\"linux/arm/v6\")." },
    { "cc", "string", required = true, doc = "The C compiler (CC), a command on PATH or a path." },
    { "cxx", "string", doc = "The C++ compiler (CXX)." },
    { "ar", "string", doc = "The archiver (AR), used for buildmode = \"c-archive\"." },
    { "libc", libc, default = "glibc", lua = "goninja.Libc",
      doc = "The C library this compiler targets; a musl toolchain serves binaries with libc = \"musl\"." },
  } },

  { "go_test", class = "goninja.Test", doc = "`go test` for every platform of a matrix, natively or under qemu-user; `ninja test` runs every go_test.", {
    { "name", "string", default = "test",
      doc = "Unique among go_test declarations (each run leaves `out/.test/<target>/<name>.ok`)." },
    { "packages", "strings", default = { "./..." },
      doc = "The packages, relative to the rule file." },
    { "platforms", "platforms",
      doc = "The platforms to test on, default the project's; linux ones run natively or under qemu-user, or ninja test reports them not run here, with why; other systems are an error." },
    { "cgo", "boolean", default = false, doc = "As for go_binary." },
    { "tags", "strings", doc = "Build tags: one `-tags`." },
    { "env", "map", doc = "Extra environment, as for go_binary." },
    { "go", "string", doc = "The Go command for the tests, instead of the project's." },
    { "args", "strings", doc = "Extra arguments to go test, such as `{ \"-count=1\", \"-short\" }`." },
    { "race", "boolean", default = false, doc = "`-race`." },
    { "libc", libc, default = "glibc", lua = "goninja.Libc", doc = "The C library for cgo." },
    { "deps", "strings", doc = "The `action` names the tests need, as for go_binary." },
  } },

  { "release", class = "goninja.Release", doc = "Release archives of the binaries per platform, and a checksum file (`ninja release`).", {
    { "binaries", "strings", doc = "The go_binary names to archive; default every binary." },
    { "name", "string", default = "{project}_{version}_{target}",
      doc = "The archive name template (.tar.gz, or .zip for windows)." },
    { "files", "strings",
      doc = "Files added to every archive (README, LICENSE, ...), relative to the rule file." },
    { "checksums", "string", default = "SHA256SUMS", doc = "The checksum file name." },
    { "sbom", { "beside", "archive", "none" }, default = "beside",
      doc = "Each binary's SPDX and CycloneDX documents: \"beside\" the archives (listed in the checksum file), inside the \"archive\", or \"none\"." },
  } },

  { "package", class = "goninja.Package", doc = "Linux packages of release binaries, one per linux platform and format (`ninja package`, and `ninja release`).", {
    { "name", "string", default = "{project}",
      doc = "The package name (a template, like release names)." },
    { "formats", "strings", default = { "deb", "rpm" },
      doc = "\"deb\" (written by goninja) and/or \"rpm\" (rpmbuild)." },
    { "binaries", "strings", doc = "The go_binary names installed as /usr/bin/NAME; default every binary." },
    { "platforms", "platforms",
      doc = "Default: the linux platforms of its binaries; one a format has no architecture for is an error." },
    { "files", "map",
      doc = "Other files, source = absolute destination (a template): `{ [\"LICENSE\"] = \"/usr/share/doc/{project}/copyright\" }`." },
    { "config", "strings",
      doc = "Destinations that are configuration files: dpkg conffiles, rpm `%config(noreplace)`." },
    { "scripts", "map",
      doc = "Maintainer scripts, `preinst`, `postinst`, `prerm`, `postrm` = file (rpm: %pre, %post, %preun, %postun)." },
    { "maintainer", "string", required = true, doc = "\"Name <email>\"." },
    { "description", "string", required = true, doc = "One line: the summary." },
    { "details", "strings", doc = "The long description, one string per line (\"\" for a blank line)." },
    { "license", "string", doc = "An SPDX expression (rpm License; a .deb carries it in its copyright file)." },
    { "homepage", "string", doc = "The project's URL." },
    { "section", "string", default = "utils", doc = "The Debian section." },
    { "depends", "strings", doc = "Dependencies, in the package manager's syntax (deb Depends, rpm Requires)." },
    { "conflicts", "strings", doc = "deb Conflicts, rpm Conflicts." },
    { "replaces", "strings", doc = "deb Replaces, rpm Obsoletes." },
    { "release", "string", default = "1", doc = "rpm's Release (the package's own revision)." },
    { "epoch", "string", doc = "The package epoch, digits; rarely needed." },
  } },

  { "homebrew", class = "goninja.Homebrew", doc = "A Homebrew formula over the darwin and linux release archives: `out/release/homebrew/Formula/NAME.rb` (a tap's layout), in `ninja release`.", {
    { "url", "string", required = true,
      doc = "Each archive's download URL, a template: `{archive}` is its file name, `{version}`, `{os}`, `{arch}`, `{target}` ... as in release names." },
    { "name", "string", default = "{project}", doc = "The formula name (a template)." },
    { "description", "string", doc = "One line." },
    { "homepage", "string", doc = "The project's URL." },
    { "license", "string", doc = "An SPDX expression." },
    { "binaries", "strings",
      doc = "The binaries it installs; default the release's binaries found in every archive it points at." },
  } },

  { "scoop", class = "goninja.Scoop", doc = "A Scoop manifest over the windows release archives: `out/release/scoop/NAME.json` (a bucket's layout), in `ninja release`.", {
    { "url", "string", required = true,
      doc = "Each archive's download URL, a template: `{archive}` is its file name, `{version}`, `{os}`, `{arch}`, `{target}` ... as in release names." },
    { "name", "string", default = "{project}", doc = "The manifest name (a template)." },
    { "description", "string", doc = "One line." },
    { "homepage", "string", doc = "The project's URL." },
    { "license", "string", doc = "An SPDX expression." },
    { "binaries", "strings",
      doc = "The binaries it installs; default the release's binaries found in every archive it points at." },
  } },

  { "sign", class = "goninja.Sign", doc = "Signatures over the release, made by the real tool at build time.", {
    { "with", { "minisign", "signify", "gpg", "cosign" }, required = true,
      missing = "field \"with\" is required: sign { with = \"minisign\", key = ... }",
      doc = "\"minisign\", \"signify\" (signify-openbsd), \"gpg\" or \"cosign\" (not in Debian 12); once each." },
    { "key", "string",
      doc = "The secret key file (a key id or user id for gpg); default $GONINJA_<WITH>_KEY at build time. The password: $GONINJA_<WITH>_PASSWORD." },
    { "files", { "checksums", "all" }, default = "checksums",
      doc = "\"checksums\" (the checksum file only) or \"all\" (every release file)." },
  } },

  { "image", class = "goninja.Image", doc = "An OCI image per linux platform of its binaries and a multi-arch index over them, written by goninja without a daemon (`ninja image`).", {
    { "name", "string", required = true,
      missing = "field \"name\" is required: image { name = \"server\", binaries = { ... } }",
      doc = "The image: `out/image/<name>/` (an OCI image layout) and `out/image/<name>.tar` (an OCI archive); letters, digits and \"._+-\"." },
    { "binaries", "strings",
      doc = "The go_binary names in the image, each at `/usr/local/bin/<name>`; default every binary. One image per linux platform they are built for." },
    { "base", "string", default = "scratch",
      doc = "\"scratch\": the image is its one layer; or an OCI image layout directory inside the project (what `skopeo copy docker://debian:12-slim oci:base:12` writes): each platform's image is the base's for that platform plus goninja's layer." },
    { "tag", "string", default = "{version}",
      doc = "The tag in the layout's index.json (templates as in `x`); each platform's manifest is also tagged `<tag>-linux-arm64` and so on." },
    { "entrypoint", "strings",
      doc = "The entrypoint, exec form; default `{ \"/usr/local/bin/<first binary>\" }`." },
    { "cmd", "strings", doc = "The default arguments, exec form." },
    { "labels", "map", doc = "Image labels: `{ [\"org.opencontainers.image.source\"] = \"https://...\" }`." },
    { "ca_certificates", "boolean", default = false,
      doc = "true: add this machine's `/etc/ssl/certs/ca-certificates.crt` (Debian's ca-certificates) to the image, for TLS clients." },
    { "files", "map",
      doc = "More files: `{ [\"LICENSE\"] = \"/usr/share/doc/server/LICENSE\" }`, the file relative to the rule file, the absolute path in the image." },
  } },

  { "action", class = "goninja.Action", doc = "A command ninja runs to make files (generated code, embedded assets, a C library): never run at generation.", {
    { "name", "string", required = true,
      missing = "field \"name\" is required: action { name = \"proto\", outputs = { ... }, command = { ... } }",
      doc = "The action's ninja target and what `deps` of a go_binary or go_test names; letters, digits and \"._+-\"." },
    { "inputs", "strings",
      doc = "Input files relative to the rule file; `*`, `?` and `[...]` globs are expanded at generation, sorted, and their directories regenerate build.ninja when a file comes or goes." },
    { "outputs", "strings", required = true,
      doc = "The files it makes, relative to the rule file: in the source tree or under out/; with `platforms = \"each\"` each names `{target}` (or `{os}` and `{arch}`)." },
    { "command", "strings", required = true,
      doc = "The argument vector, each word quoted for the shell; `{inputs}` and `{outputs}` as whole words become every input or output, `{out}` the first output, paths relative to `dir`; per platform also `{os}`, `{arch}`, `{variant}`, `{target}`, `{platform}`, `{cc}`, `{ar}`." },
    { "shell", "boolean", default = false,
      doc = "true: the words are joined by blanks and run by `/bin/sh -c` as written, pipes and all (templates expand unquoted)." },
    { "depfile", "string", doc = "A Makefile-style depfile the command writes, relative to the rule file (templates as in command)." },
    { "env", "map", doc = "Environment for the command, name = value (templates as in command)." },
    { "dir", "string", doc = "The directory the command runs in, relative to the rule file; default the rule file's directory." },
    { "description", "string", doc = "What ninja prints while it runs; default `ACTION <name>`." },
    { "platforms", { "each" },
      doc = "\"each\": one run per platform of the binaries and tests whose `deps` name it, with that platform's templates; each cell depends on its own platform's outputs." },
  } },
}
