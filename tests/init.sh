#!/bin/sh
# goninja init: a fresh module in, a goninja.lua that builds out. Main
# packages found by their package clause; vendor, testdata, hidden dirs and
# nested modules skipped; clashing names made unique; no overwrite without
# --force; then goninja && ninja build binaries that run.
. "$(dirname "$0")/lib.sh"

# a file with content $2 at path $1
put() { mkdir -p "$(dirname "$1")" && printf '%s\n' "$2" >"$1"; }
mainfile() { put "$1" 'package main

func main() {}'; }

mod=$(mktemp -d "${TMPDIR:-/tmp}/goninja-init.XXXXXX")
cd "$mod" || exit 1
put go.mod '// the module
module example.com/greet/v2 // a comment

go 1.19'
put cmd/hello/main.go '// Copyright and a licence.

/* not the package clause:
package nope */

//go:build !plan9

// Command hello says hello.
package main

import (
	"fmt"
	"runtime"
)

var version = "dev"

func main() { fmt.Println("hello", version, runtime.GOOS+"/"+runtime.GOARCH) }'
put cmd/world/main.go 'package main

import "fmt"

func main() { fmt.Println("world") }'
put cmd/world/world_test.go 'package main_test'
put internal/greet/greet.go 'package greet'
put internal/greet/gen.go '//go:build ignore

package main

func main() {}'
mainfile vendor/example.com/v/main.go
mainfile cmd/hello/testdata/t/main.go
mainfile .tools/x/main.go
mainfile _old/main.go
put nested/go.mod 'module example.com/nested'
mainfile nested/cmd/n/main.go

out=$("$GONINJA" init 2>&1); rc=$?
same "init succeeds" 0 "$rc"
contains "init says what it wrote" "wrote goninja.lua for example.com/greet/v2: 2 binaries for 6 platforms" "$out"
contains "init names the next step" "next: goninja && ninja" "$out"
rules=$(cat goninja.lua)
contains "project named after the module, /v2 dropped" 'name = "greet",' "$rules"
contains "version from -D" 'version = var("version", "0.0.0-dev"),' "$rules"
contains "the default matrix" '"linux/amd64", "linux/arm64", "linux/arm/v7",
  "windows/amd64", "darwin/amd64", "darwin/arm64",' "$rules"
contains "cmd/hello declared" 'go_binary { name = "hello", main = "./cmd/hello" }
go_binary { name = "world", main = "./cmd/world" }' "$rules"
same "two binaries, no more" 2 "$(grep -c '^go_binary' goninja.lua)"
contains "fields explained: cgo" "--   cgo = false," "$rules"
contains "fields explained: stamps" '{version}, {commit}, {date}' "$rules"
contains "the go line noted" "go.mod asks for go 1.19" "$rules"
check "no temporary file left" test ! -e goninja.lua.goninja-tmp

# no overwrite without --force, with a message; the file is untouched
echo '-- mine' >>goninja.lua
out=$("$GONINJA" init 2>&1); rc=$?
same "second init refuses" 1 "$rc"
same "and says why" "goninja: init: goninja.lua already exists: edit it, or replace it with goninja init --force" "$out"
contains "the file is kept" "-- mine" "$(cat goninja.lua)"
check "--force replaces it" "$GONINJA" init --force
same "replaced" 0 "$(grep -c -- '-- mine' goninja.lua)"

# the rule file builds: native and under qemu, every platform
check "goninja generates" "$GONINJA"
check "ninja builds the matrix" ninja
same "linux/amd64 hello runs, stamped" "hello 0.0.0-dev linux/amd64" "$(out/linux_amd64/hello)"
check "linux/amd64 hello is static" elf_static out/linux_amd64/hello
same "linux/arm64 hello runs under qemu" "hello 0.0.0-dev linux/arm64" "$(qemu-aarch64 out/linux_arm64/hello)"
same "linux/arm64 world runs under qemu" "world" "$(qemu-aarch64 out/linux_arm64/world)"
same "linux/arm/v7 world runs under qemu" "world" "$(qemu-arm out/linux_arm_v7/world)"
for f in windows_amd64/hello.exe windows_amd64/world.exe darwin_amd64/hello darwin_arm64/world; do
	check "out/$f built" test -s "out/$f"
done
contains "a second ninja does nothing" "no work to do" "$(ninja)"

# -C, a main package at the top, clashing base names, reserved names
mod2=$(mktemp -d "${TMPDIR:-/tmp}/goninja-init.XXXXXX")
put "$mod2/go.mod" 'module "example.com/tool"'
mainfile "$mod2/main.go"
mainfile "$mod2/a/cmd/tool/main.go"
mainfile "$mod2/b/cmd/tool/main.go"
mainfile "$mod2/cmd/test/main.go"
mainfile "$mod2/tool/main.go"
cd / || exit 1
check "init -C dir" "$GONINJA" init -C "$mod2"
rules=$(cat "$mod2/goninja.lua")
contains "unique names, sorted by path" 'go_binary { name = "tool", main = "." }
go_binary { name = "a-cmd-tool", main = "./a/cmd/tool" }
go_binary { name = "b-cmd-tool", main = "./b/cmd/tool" }
go_binary { name = "cmd-test", main = "./cmd/test" }
go_binary { name = "tool-2", main = "./tool" }' "$rules"
same "the names are valid: 5 x 6 cells" 30 "$("$GONINJA" targets -C "$mod2" 2>/dev/null | wc -l)"

# nothing to declare; no module
mod3=$(mktemp -d "${TMPDIR:-/tmp}/goninja-init.XXXXXX")
put "$mod3/go.mod" 'module example.com/lib'
put "$mod3/lib.go" 'package lib'
mainfile "$mod3/lib_test.go"
out=$("$GONINJA" init -C "$mod3" 2>&1); rc=$?
same "no main package: status 1" 1 "$rc"
contains "no main package: a message" "no main package in module example.com/lib" "$out"
check "and no goninja.lua" test ! -e "$mod3/goninja.lua"
rm "$mod3/go.mod"
out=$("$GONINJA" init -C "$mod3" 2>&1); rc=$?
same "no go.mod: status 1" 1 "$rc"
contains "no go.mod: a message" "no go.mod here" "$out"
out=$("$GONINJA" init --bogus 2>&1); rc=$?
same "unknown option: status 2" 2 "$rc"
contains "init --help" "usage: goninja init [-C dir] [--force]" "$("$GONINJA" init --help)"

cd / && rm -rf "$mod" "$mod2" "$mod3"
summary
