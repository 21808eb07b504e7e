#!/bin/sh
# The command line: --version, --help, targets, explain, -C/-f/-o/-D,
# generation without Go, and a build.ninja left alone when unchanged.
. "$(dirname "$0")/lib.sh"

contains "--version" "goninja 0.1.0" "$("$GONINJA" --version)"
contains "--help" "usage: goninja [gen]" "$("$GONINJA" --help)"
contains "explain --help" "usage: goninja" "$("$GONINJA" explain --help)"
out=$("$GONINJA" --bogus 2>&1); rc=$?
same "unknown option status" 2 "$rc"
same "unknown option message" "goninja: unknown option --bogus (goninja --help)" "$out"
out=$("$GONINJA" frobnicate 2>&1); rc=$?
same "unknown command status" 2 "$rc"

p=$(project_copy matrix)
cd "$p" || exit 1

n=$("$GONINJA" targets | wc -l)
same "targets lists 24 cells" 24 "$n"
"$GONINJA" targets --json >targets.json
check "targets --json is JSON" python3 -c 'import json,sys; d=json.load(open("targets.json")); assert len(d)==24; assert {"output","binary","platform","goos","goarch","target","link","cgo"} <= set(d[0])'
contains "a target names its ninja alias" '"target": "linux_arm_v7"' "$(cat targets.json)"

out=$("$GONINJA" explain server@linux/arm/v7)
contains "explain: the output" "out/linux_arm_v7/server: server for linux/arm/v7, declared at goninja.lua:" "$out"
contains "explain: why CGO_ENABLED=0" "CGO_ENABLED=0" "$out"
contains "explain: the reason" "pure-Go net and os/user, no libc, a static binary" "$out"
contains "explain: why no -linkmode" "-linkmode external" "$out"
contains "explain: the variant" "GOARM=7" "$out"
contains "explain: the command" "GOOS=linux GOARCH=arm GOARM=7 CGO_ENABLED=0 GOTOOLCHAIN=local go build -trimpath -buildvcs=false '-ldflags=-s -w -X main.version=0.0.0-dev' -o out/linux_arm_v7/server ./cmd/server" "$out"
contains "explain by output path" "worker for windows/amd64" "$("$GONINJA" explain out/windows_amd64/worker.exe)"
out=$("$GONINJA" explain nope@linux/amd64 2>&1); rc=$?
same "explain of nothing fails" 1 "$rc"
contains "explain of nothing says so" 'no cell "nope@linux/amd64"' "$out"

# the command explain prints is the command ninja runs
cmd=$("$GONINJA" explain cli@linux/amd64 | sed -n '/^command:/{n;p}')
check "explain's command builds" sh -c "$cmd"
check "and builds what it names" elf_static out/linux_amd64/cli

# -D reaches var(), and is replayed by the regeneration rule
"$GONINJA" -D version=9.9.9
contains "-D in the command" "main.version=9.9.9" "$(cat build.ninja)"
contains "-D replayed on regeneration" "args = gen -f goninja.lua -o build.ninja -D version=9.9.9" "$(cat build.ninja)"

# an unchanged build.ninja is not rewritten (same inode), only touched
ino=$(stat -c %i build.ninja)
sleep 0.05
"$GONINJA" -D version=9.9.9
same "unchanged: same file" "$ino" "$(stat -c %i build.ninja)"
check "unchanged: newer than the rule file" test build.ninja -nt goninja.lua

# -C and -o
cd /
check "-C dir -o other.ninja" "$GONINJA" -C "$p" -o other.ninja
check "other.ninja written" test -f "$p/other.ninja"
contains "other.ninja regenerates itself" "build other.ninja: goninja" "$(cat "$p/other.ninja")"
cd "$p" || exit 1

# no Go on PATH: a warning, and build.ninja all the same
mkdir nogo && ln -s "$(command -v ninja)" nogo/ninja
out=$(PATH=$p/nogo "$GONINJA" -o nogo.ninja 2>&1); rc=$?
same "without Go: success" 0 "$rc"
contains "without Go: a warning" "go: Go command not found" "$out"
contains "without Go: edges" "build out/linux_amd64/server: go" "$(cat nogo.ninja)"

cd / && rm -rf "$p"
summary
