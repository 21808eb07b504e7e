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

# no rule file here: say so, and what writes one
empty=$(mktemp -d)
out=$(cd "$empty" && "$GONINJA" 2>&1); rc=$?
same "no rule file: status" 1 "$rc"
same "no rule file: what to do" 'goninja.lua: error: there is no rule file here: "goninja init" writes a first goninja.lua for the Go module in this directory (or name one with -f FILE)' "$out"
out=$(cd "$empty" && "$GONINJA" explain x@linux/amd64 -f other.lua 2>&1)
same "no such -f rule file" 'other.lua: error: no such rule file ("goninja init" writes a first goninja.lua)' "$out"
rmdir "$empty"

# a platform the Go in use cannot build: that Go's "go tool dist list" says
go119=/usr/lib/go-1.19/bin/go go123=/usr/lib/go-1.23/bin/go
if [ -x "$go119" ] && [ -x "$go123" ]; then
	w=$(mktemp -d)
	printf 'package main\n\nfunc main() {}\n' >"$w/main.go"
	printf 'project { go = var("go", "go") }\nplatforms { "linux/amd64", "wasip1/wasm" }\ngo_binary { name = "w", main = "." }\n' >"$w/goninja.lua"
	out=$(cd "$w" && "$GONINJA" -D go=$go119 2>&1); rc=$?
	same "wasip1/wasm with Go 1.19: status" 1 "$rc"
	same "wasip1/wasm with Go 1.19: message" "goninja.lua:2:28: error: platform \"wasip1/wasm\": $($go119 env GOVERSION) cannot build it: it is not in its \"go tool dist list\"" "$out"
	out=$(cd "$w" && "$GONINJA" -D go=$go123 2>&1); rc=$?
	same "wasip1/wasm with Go 1.23: accepted" 0 "$rc"
	contains "wasip1/wasm with Go 1.23: an edge" "build out/wasip1_wasm/w:" "$(cat "$w/build.ninja")"
	rm -rf "$w"
else
	echo "not run here: wasip1/wasm against Go 1.19 and 1.23 (need $go119 and $go123)"
fi

# issue 12 item 9: numeric options in range, or refused (2^44 MiB wrapped
# to "no cap"); issue 12 item 3: no line break in a path or a -D, which
# the regeneration edge would carry into build.ninja
w=$(mktemp -d)
printf 'platforms { "linux/amd64" }\ngo_binary { name = "a", main = "./cmd/a" }\n' >"$w/goninja.lua"
mkdir -p "$w/cmd/a" && printf 'package main\nfunc main() {}\n' >"$w/cmd/a/main.go"
for opt in "--max-memory 17592186044416" "--max-memory 17592186044417" \
	"--max-memory 1048577" "--max-memory -5" "--max-steps 0" \
	"--max-steps 1000000001" "--max-steps 99999999999999999999" "--max-steps 1e9" \
	"--max-seconds 0" "--max-seconds 86401" "--max-seconds 2x" "matrix --shards 3x" \
	"matrix --shard 1/+2"; do
	# shellcheck disable=SC2086
	out=$(cd "$w" && PATH="$TOP/tests/fakego:$PATH" "$GONINJA" $opt 2>&1); rc=$?
	same "$opt: refused" 2 "$rc"
	contains "$opt: says what it takes" "takes " "$out"
	check "$opt: no build.ninja" test ! -e "$w/build.ninja"
done
out=$(cd "$w" && PATH="$TOP/tests/fakego:$PATH" "$GONINJA" --max-seconds 86400 \
	--max-memory 1048576 --max-steps 1000000000 2>&1); rc=$?
same "the largest values are accepted" "0 []" "$rc [$out]"
rm -f "$w/build.ninja"
nl='
'
for opt in "-D" "-f" "-o" "-C"; do
	case $opt in -D) v="v=x${nl}build pwn: phony" ;; *) v="x${nl}default pwn" ;; esac
	out=$(cd "$w" && PATH="$TOP/tests/fakego:$PATH" "$GONINJA" "$opt" "$v" 2>&1); rc=$?
	same "$opt with a line break: refused" 2 "$rc"
	contains "$opt with a line break: the message" "$opt \"${v%%"$nl"*}\\x0a${v#*"$nl"}\" holds a line break, which build.ninja cannot carry" "$out"
	check "$opt with a line break: no build.ninja" test ! -e "$w/build.ninja"
	out=$(cd "$w" && PATH="$TOP/tests/fakego:$PATH" "$GONINJA" "$opt" "$(printf 'x\ry=1')" 2>&1)
	same "$opt with a carriage return: refused" 2 "$?"
done
rm -rf "$w"

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
contains "explain: the command" "GOOS=linux GOARCH=arm GOARM=7 CGO_ENABLED=0 GOTOOLCHAIN=local go build -trimpath -buildvcs=false '-ldflags=-s -w -buildid= -X main.commit=unknown -X main.date=1970-01-01T00:00:00Z -X main.version=0.0.0-dev' -o out/linux_arm_v7/server ./cmd/server" "$out"
# a reason per flag inside -ldflags
out=$("$GONINJA" explain cli@linux/arm/v7)
contains "explain: -s has its reason" "    -s                     project strip = true (the default)" "$out"
contains "explain: -buildid= has its reason" "    -buildid=              project reproducible = true" "$out"
contains "explain: each -X has its reason" "    -X main.version=0.0.0-dev project stamp = true (the default): main.version = \"{version}\"" "$out"
parts=$(printf '%s\n' "$out" | sed -n '/^  -ldflags=/,/^[a-z]/p' | grep -c '^    ')
same "explain: one line per linker flag (-s -w -buildid= 3 stamps)" 6 "$parts"
cat >ld.lua <<'EOF'
platforms { "linux/amd64" }
go_binary { name = "server", main = "./cmd/server", cgo = true, ldflags = { "-X", "main.extra=1", "-w" },
            extldflags = { "-lm" }, x = { ["main.v"] = "{os}" } }
EOF
out=$("$GONINJA" explain server@linux/amd64 -f ld.lua)
contains "explain: the rule's -X" "    -X main.extra=1        the rule's ldflags: sets a string variable" "$out"
contains "explain: the rule's -w" "    -w                     the rule's ldflags: no DWARF debug information" "$out"
contains "explain: -linkmode" "    all=-linkmode external link resolves to static with cgo on" "$out"
contains "explain: -extldflags" "    -extldflags \"-static -lm\" -static (no dynamic loader) to the external linker, then the rule's extldflags" "$out"
contains "explain: an x stamp" "    -X main.v=linux        the rule's x[\"main.v\"] = \"{os}\"" "$out"
rm ld.lua
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

# stamps from git: the commit and its time; a new commit regenerates
rm -f build.ninja
git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm one --date=@1700000000
GIT_COMMITTER_DATE=@1700000000 git -c user.name=t -c user.email=t@t commit -q --amend --no-edit --date=@1700000000
c1=$(git rev-parse HEAD)
"$GONINJA" 2>/dev/null
contains "git commit stamped" "main.commit=$c1" "$(cat build.ninja)"
contains "commit time as date" "main.date=2023-11-14T22:13:20Z" "$(cat build.ninja)"
contains "git HEAD regenerates" "build build.ninja: goninja goninja.lua .git/HEAD .git/refs/heads/" "$(cat build.ninja)"
check "ninja linux_amd64" ninja linux_amd64
same "the binary has the stamps" "0.0.0-dev $c1 2023-11-14T22:13:20Z" "$(out/linux_amd64/server version)"
sleep 0.05
echo x >> README.stamp && git add README.stamp && git -c user.name=t -c user.email=t@t commit -qm two
out=$(ninja linux_amd64)
contains "a new commit regenerates" "GONINJA build.ninja" "$out"
contains "and rebuilds with the new stamp" "GO linux/amd64 server" "$out"
contains "new commit stamped" "main.commit=$(git rev-parse HEAD)" "$(cat build.ninja)"
out=$(SOURCE_DATE_EPOCH=86400 "$GONINJA" explain server@linux/amd64)
contains "SOURCE_DATE_EPOCH wins" "main.date=1970-01-02T00:00:00Z" "$out"

cd / && rm -rf "$p"
summary
