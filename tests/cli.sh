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
	# the built-in table answers for Go 1.19 to 1.23 without "go tool dist
	# list": it must say what each Go's own list says of every port
	all=$($go123 tool dist list | awk '{ printf "%s\"%s\"", (NR > 1 ? ", " : ""), $0 }')
	printf 'project { go = var("go", "go") }\nplatforms { %s }\ngo_binary { name = "w", main = "." }\n' "$all" >"$w/goninja.lua"
	for go in $go119 $go123; do
		want=$($go123 tool dist list | grep -vxF "$($go tool dist list)" | sed 's|^|platform "|; s|$|": cannot build|')
		got=$(cd "$w" && "$GONINJA" -D go=$go 2>&1 | grep -o 'platform "[^"]*": [^:]*cannot build' |
			sed 's|": .* cannot build|": cannot build|')
		same "every port against $($go env GOVERSION)'s dist list" "$want" "$got"
	done
	# a Go whose ports the table knows is not asked for its list, and git
	# is not run outside a checkout
	log=$(mktemp)
	printf '#!/bin/sh\necho "$*" >>%s\nexec %s "$@"\n' "$log" "$go123" >"$w/go"
	chmod +x "$w/go"
	printf 'project { go = "./go" }\nplatforms { "linux/amd64", "windows/arm64" }\ngo_binary { name = "w", main = "." }\n' >"$w/goninja.lua"
	mkdir "$w/bin" && printf '#!/bin/sh\necho git >>%s\nexit 128\n' "$log" >"$w/bin/git" && chmod +x "$w/bin/git"
	(cd "$w" && PATH="$w/bin:$PATH" "$GONINJA") || bad "generation with a known Go failed"
	same "known ports, outside a checkout: only go env runs" "env GOVERSION GOHOSTOS GOHOSTARCH" "$(cat "$log")"
	rm -rf "$w" "$log"
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

# one core: the pool is 1 deep and -p 1 on any machine
out=$(GONINJA_NPROC=1 "$GONINJA" explain server@linux/arm/v7)
contains "explain: the output" "out/linux_arm_v7/server: server for linux/arm/v7, declared at goninja.lua:" "$out"
contains "explain: why CGO_ENABLED=0" "CGO_ENABLED=0" "$out"
contains "explain: the reason" "pure-Go net and os/user, no libc, a static binary" "$out"
contains "explain: why no -linkmode" "-linkmode external" "$out"
contains "explain: the variant" "GOARM=7" "$out"
contains "explain: the pool" "pool: link, depth 1: one go build or go test at a time; the depth is" "$out"
contains "explain: what bound it" "1 core (jobs not declared)" "$out"
contains "explain: the command" "GOOS=linux GOARCH=arm GOARM=7 CGO_ENABLED=0 GOTOOLCHAIN=local go build -p 1 -trimpath -buildvcs=false '-ldflags=-s -w -buildid= -X main.commit=unknown -X main.date=1970-01-01T00:00:00Z -X main.version=0.0.0-dev' -o out/linux_arm_v7/server ./cmd/server" "$out"
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

# 11.4: with no -D, explain, targets, matrix, doctor take the -D values
# build.ninja records: they describe the build that exists
"$GONINJA" -D version=7.7.7 -D 'note=a b'
contains "11.4 -D recorded in build.ninja" "# -D version=7.7.7
# -D note=a b" "$(cat build.ninja)"
# the go build goninja godeps runs (--then), with the environment it runs in
want=$(ninja -t commands out/linux_amd64/server | tail -n 1 |
	sed -E 's/^(([A-Za-z0-9_]+=[^ ]* )*).* --then (.*)$/\1\3/')
out=$("$GONINJA" explain server@linux/amd64)
same "11.4 explain without -D: the command ninja runs" "$want" "$(printf '%s\n' "$out" | sed -n '/^command:/{n;s/^  //;p}')"
contains "11.4 explain says the -D it took" "defines, as build.ninja was generated: -D version=7.7.7 -D note=a b" "$out"
contains "11.4 a -D given replaces them" "main.version=1.0.1" "$("$GONINJA" explain server@linux/amd64 -D version=1.0.1)"
cat >plat.lua <<'EOF'
platforms { var("plat", "linux/amd64") }
go_binary { name = "server", main = "./cmd/server" }
EOF
"$GONINJA" -f plat.lua -o plat.ninja -D plat=linux/arm64
contains "11.4 targets: the recorded platform" "out/linux_arm64/server" "$("$GONINJA" targets -f plat.lua -o plat.ninja)"
contains "11.4 matrix: the recorded platform" "\"name\": \"linux_arm64\"" "$("$GONINJA" matrix --json -f plat.lua -o plat.ninja)"
contains "11.4 doctor: the recorded platform" "linux/arm64" "$("$GONINJA" doctor -f plat.lua -o plat.ninja 2>&1)"
contains "11.4 another rule file's build.ninja: not taken" "out/linux_amd64/server" "$("$GONINJA" targets -f plat.lua)"
rm plat.lua plat.ninja
"$GONINJA" -D version=9.9.9

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
contains "and rebuilds with the new stamp" "GO out/linux_amd64/server" "$out"
contains "new commit stamped" "main.commit=$(git rev-parse HEAD)" "$(cat build.ninja)"
out=$(SOURCE_DATE_EPOCH=86400 "$GONINJA" explain server@linux/amd64)
contains "SOURCE_DATE_EPOCH wins" "main.date=1970-01-02T00:00:00Z" "$out"

cd / && rm -rf "$p"

# the module files of each binary, however many were listed before it: a
# second module's go.mod, above a rule file with none, is one an action
# must not write (the walk up stopped at the first directory once the
# list held the first binary's go.mod)
w=$(mktemp -d)
mkdir -p "$w/a/cmd/x" "$w/b/sub/cmd/y"
printf 'module example.com/a\n\ngo 1.19\n' >"$w/a/go.mod"
printf 'module example.com/b\n\ngo 1.19\n' >"$w/b/go.mod"
printf 'package main\n\nfunc main() {}\n' >"$w/a/cmd/x/main.go"
cp "$w/a/cmd/x/main.go" "$w/b/sub/cmd/y/"
printf 'go_binary { name = "x", main = "./cmd/x" }\n' >"$w/a/goninja.lua"
printf 'go_binary { name = "y", main = "./cmd/y" }\n' >"$w/b/sub/goninja.lua"
printf 'platforms { "linux/amd64" }\ninclude "a/goninja.lua"\ninclude "b/sub/goninja.lua"\naction { name = "gen", outputs = { "b/go.mod" }, command = { "true" } }\n' >"$w/goninja.lua"
out=$(cd "$w" && PATH="$TOP/tests/fakego:$PATH" "$GONINJA" 2>&1); rc=$?
same "an action writing another module's go.mod: refused" 1 "$rc"
contains "an action writing another module's go.mod: why" 'output "b/go.mod" is a module file' "$out"
rm -rf "$w"

# go env of the go in PATH runs while the rule file is evaluated: this rule
# file waits (spinning, within --max-seconds) for the file that go env
# writes; run one after the other, it would wait until the time limit
w=$(mktemp -d)
mkdir "$w/bin" "$w/cmd"
printf '#!/bin/sh\n: >marker.lua\necho "$*" >>%s/go.log\nexec %s/tests/fakego/go "$@"\n' "$w" "$TOP" >"$w/bin/go"
chmod +x "$w/bin/go"
printf 'package main\n\nfunc main() {}\n' >"$w/cmd/main.go"
printf 'while not pcall(include, "marker.lua") do end\nplatforms { "linux/amd64" }\ngo_binary { name = "a", main = "./cmd" }\n' >"$w/goninja.lua"
out=$(cd "$w" && PATH="$w/bin:$PATH" "$GONINJA" --max-seconds 60 --max-steps 1000000000 2>&1); rc=$?
same "go env during evaluation: generated" "0 []" "$rc [$out]"
same "go env during evaluation: asked once" "env GOVERSION GOHOSTOS GOHOSTARCH" "$(cat "$w/go.log")"
rm -rf "$w"

# binaries declared alike share their cells' flags, computed once per kind:
# each one's cells must be what it gets declared alone (its name in the
# output, its main in the note of a main that is not the module's own)
w=$(mktemp -d)
printf 'module example.com/alike\n\ngo 1.19\n' >"$w/go.mod"
mkdir -p "$w/cmd/a" "$w/cmd/b" && : >"$w/cmd/a/main.go" && : >"$w/cmd/b/main.go"
printf 'package main\n\nfunc main() {}\n' >"$w/cmd/a/main.go"
cp "$w/cmd/a/main.go" "$w/cmd/b/main.go"
head='platforms { "linux/amd64", "linux/arm/v7", "linux/386", "windows/amd64", "darwin/arm64" }
local function alike(name, main)
  go_binary { name = name, main = main, tags = { "prod" }, ldflags = { "-X", "main.extra=1" },
    gcflags = { "all=-N -l" }, env = { GOFLAGS = "-mod=mod" } }
end'
printf '%s\nalike("a", "./cmd/a")\nalike("b", "./cmd/b")\nalike("c", "example.com/other/cmd/c")\nalike("d", "example.com/alike/cmd/b")\nalike("e", "example.com/other/cmd/e")\n' "$head" >"$w/goninja.lua"
for one in a:./cmd/a b:./cmd/b c:example.com/other/cmd/c d:example.com/alike/cmd/b e:example.com/other/cmd/e; do
	name=${one%%:*}
	mkdir -p "$w/$name"
	cp -r "$w/go.mod" "$w/cmd" "$w/$name/"
	printf '%s\nalike("%s", "%s")\n' "$head" "$name" "${one#*:}" >"$w/$name/goninja.lua"
	for plat in linux/amd64 linux/arm/v7 linux/386 windows/amd64 darwin/arm64 dev; do
		all=$(cd "$w" && PATH="$TOP/tests/fakego:$PATH" "$GONINJA" explain "$name@$plat" 2>&1 | sed 1d)
		alone=$(cd "$w/$name" && PATH="$TOP/tests/fakego:$PATH" "$GONINJA" explain "$name@$plat" 2>&1 | sed 1d)
		same "declared alike: $name@$plat as declared alone" "$alone" "$all"
	done
done
rm -rf "$w"

# build.ninja is written as it is made, 64 KiB at a time, into a temporary
# file: an error found late in a large generation (an action's output is
# go.mod, checked after 1200 edges), or a SIGTERM at any moment, leaves the
# old build.ninja and no temporary file
w=$(mktemp -d)
printf 'module example.com/big\n\ngo 1.19\n' >"$w/go.mod"
{
	echo 'platforms { "linux/amd64", "linux/arm64", "windows/amd64", "darwin/arm64" }'
	i=0
	while [ $i -lt 300 ]; do
		mkdir -p "$w/cmd/b$i" && : >"$w/cmd/b$i/main.go"
		echo "go_binary { name = \"b$i\", main = \"./cmd/b$i\" }"
		i=$((i + 1))
	done
} >"$w/goninja.lua"
cp "$w/goninja.lua" "$w/ok.lua"
echo 'if var("late", "") ~= "" then action { name = "gen", outputs = { "go.mod" }, command = { "true" } } end' >>"$w/goninja.lua"
(cd "$w" && PATH="$TOP/tests/fakego:$PATH" "$GONINJA") || bad "large generation failed"
check "large generation: more than 64 KiB" test "$(wc -c <"$w/build.ninja")" -gt 200000
cp "$w/build.ninja" "$w.want"
out=$(cd "$w" && PATH="$TOP/tests/fakego:$PATH" "$GONINJA" -D late=1 2>&1); rc=$?
same "late error: status" 1 "$rc"
contains "late error: the message" 'output "go.mod" is a module file' "$out"
check "late error: build.ninja untouched" cmp -s "$w/build.ninja" "$w.want"
same "late error: no temporary file" "" "$(ls -d "$w"/*.goninja-* 2>/dev/null)"
n=0
while [ $n -lt 30 ]; do
	(cd "$w" && PATH="$TOP/tests/fakego:$PATH" exec "$GONINJA" -D v=$n) >/dev/null 2>&1 &
	pid=$!
	sleep "0.0$(od -An -N1 -tu1 /dev/urandom | tr -d ' ' | cut -c1)"
	kill -TERM $pid 2>/dev/null
	wait $pid 2>/dev/null
	n=$((n + 1))
done
same "SIGTERM: no temporary file" "" "$(ls -d "$w"/*.goninja-* 2>/dev/null)"
same "SIGTERM: build.ninja whole" "$(tail -n 3 "$w.want")" "$(tail -n 3 "$w/build.ninja")"
rm -rf "$w" "$w.want"

# Files goninja writes and reads, through planted links and into files
# that are not regular (issue 12). Every link is made here, in a temporary
# directory, and points at a victim file of that directory.
w=$(mktemp -d "${TMPDIR:-/tmp}/goninja-links.XXXXXX")
cd "$w" || exit 1
mkdir proj proj/cmd proj/cmd/a proj/sub
printf 'module example.com/a\n\ngo 1.19\n' >proj/go.mod
printf 'package main\n\nfunc main() {}\n' >proj/cmd/a/main.go
rules='platforms { "linux/amd64" }
go_binary { name = "a", main = "./cmd/a" }
'
printf '%s' "$rules" >proj/goninja.lua
cd proj || exit 1
victim() { printf 'victim\n' >"$w/victim"; }
untouched() { same "$1: the victim is untouched" victim "$(cat "$w/victim")"; }
# run goninja with a fake go, bounded: a hang is a failure, not a stall
gn() { PATH=$TOP/tests/fakego:$PATH timeout -s KILL 60 "$GONINJA" "$@"; }

# 12.1: the temporary file of every writer was a fixed name: a link
# planted under it made goninja write through it
victim
ln -s ../victim build.ninja.goninja-tmp
out=$(gn 2>&1); rc=$?
same "12.1 temp symlink: gen succeeds" 0 "$rc"
untouched "12.1 temp symlink: gen"
check "12.1 temp symlink: build.ninja is a regular file" test -f build.ninja -a ! -L build.ninja
same "12.1 temp symlink: no temporary file left" "" "$(ls -d ./*.goninja-[!t]* 2>/dev/null)"
rm -f build.ninja*
mkdir -p ../init/cmd/tool && cp go.mod ../init/ && cp cmd/a/main.go ../init/cmd/tool/
victim
ln -s ../victim ../init/goninja.lua.goninja-tmp
out=$(gn init -C ../init 2>&1); rc=$?
same "12.1 temp symlink: init succeeds" 0 "$rc"
untouched "12.1 temp symlink: init"
contains "12.1 temp symlink: init wrote goninja.lua" go_binary "$(cat ../init/goninja.lua)"
victim
mkdir out && ln -s ../../victim out/artifacts.json.goninja-tmp
gn report >/dev/null 2>&1
untouched "12.1 temp symlink: report"
check "12.1 temp symlink: report wrote artifacts.json" test -f out/artifacts.json -a ! -L out/artifacts.json
victim
ln -s ../victim a.tar.gz.tmp
check "12.1 temp symlink: archive succeeds" gn archive -o a.tar.gz go.mod
untouched "12.1 temp symlink: archive"
victim
mkdir g && ln -s ../../victim g/groups
out=$(gn godeps --write-groups g/groups . go ./cmd/a ';' 2>&1); rc=$?
same "12.1 link: godeps --write-groups refuses a link" 1 "$rc"
contains "12.1 link: and says so" "g/groups: is a symbolic link" "$out"
untouched "12.1 link: godeps --write-groups"
rm g/groups
check "12.1 link: without it, godeps --write-groups writes" gn godeps --write-groups g/groups . go ./cmd/a ';'
same "12.1 link: the groups file, with the words" ". go ./cmd/a ;" "$(cat g/groups)"
rm -rf g
victim
ln -s ../victim a.d.tmp
check "12.1 temp symlink: godeps succeeds" gn godeps a a.d . -- /bin/true ./cmd/a
untouched "12.1 temp symlink: godeps"
same "12.1 temp symlink: godeps wrote its depfile, with the go command and go.mod" \
	"a: \\
  $(realpath /bin/true) \\
  go.mod" "$(cat a.d)"
rm -rf out a.* ../init

# 12.1: the target itself a link: refused, never written through nor replaced
victim
ln -s ../victim build.ninja
out=$(gn 2>&1); rc=$?
same "12.1 target symlink: refused" 2 "$rc"
contains "12.1 target symlink: says why" "goninja: write build.ninja: is a symbolic link, not a regular file" "$out"
untouched "12.1 target symlink"
check "12.1 target symlink: the link is left" test -L build.ninja
victim
ln -s ../victim a.zip
out=$(gn archive -o a.zip go.mod 2>&1); rc=$?
same "12.1 target symlink: archive refused" 1 "$rc"
untouched "12.1 target symlink: archive"
if command -v minisign >/dev/null; then
	victim
	minisign -G -W -p m.pub -s m.key >/dev/null 2>&1
	ln -s ../victim go.mod.minisig
	out=$(gn sign --with minisign --key m.key --out go.mod.minisig go.mod 2>&1); rc=$?
	same "12.1 target symlink: sign refused" 1 "$rc"
	contains "12.1 target symlink: sign says why" "go.mod.minisig: is a symbolic link" "$out"
	untouched "12.1 target symlink: sign"
	rm go.mod.minisig
	ln -s ../victim go.mod.minisig.tmp
	check "12.1 temp symlink: sign succeeds" gn sign --with minisign --key m.key --out go.mod.minisig go.mod
	untouched "12.1 temp symlink: sign"
	check "12.1 temp symlink: the signature verifies" minisign -V -q -p m.pub -m go.mod
	rm -f m.pub m.key go.mod.minisig*
else
	echo "not run here: 12.1 sign (no minisign)"
fi
rm -f build.ninja a.zip

# 12.2: -o onto a FIFO (it hung), a directory, a device (as root, it was
# replaced by a regular file)
mkfifo fifo
out=$(gn -o fifo 2>&1); rc=$?
same "12.2 -o FIFO: refused" 2 "$rc"
contains "12.2 -o FIFO: says why" "goninja: write fifo: is a FIFO, not a regular file" "$out"
check "12.2 -o FIFO: still a FIFO" test -p fifo
mkdir dir
out=$(gn -o dir 2>&1); rc=$?
same "12.2 -o directory: refused" 2 "$rc"
contains "12.2 -o directory: says why" "is a directory, not a regular file" "$out"
# as root, a device node of our own: the real /dev/null is never at stake
dev=/dev/null
[ "$(id -u)" = 0 ] && mknod null c 1 3 2>/dev/null && dev=null
out=$(gn -o "$dev" 2>&1); rc=$?
same "12.2 -o $dev: refused" 2 "$rc"
contains "12.2 -o $dev: says why" "is a character device, not a regular file" "$out"
check "12.2 -o $dev: still a device" test -c "$dev"
rm -rf fifo dir null

# a link planted in the output tree: go build writes through the link at
# its -o path, so generation refuses before anything is built
rm -f build.ninja
mkdir -p "$w/elsewhere" out
ln -s "$w/elsewhere" out/linux_amd64
out=$(gn 2>&1); rc=$?
same "out link: refused" 1 "$rc"
contains "out link: names the link" "out/linux_amd64 is a symbolic link: goninja never writes through a link" "$out"
check "out link: no build.ninja written" test ! -e build.ninja
rm -rf out && ln -s "$w/elsewhere" out
out=$(gn 2>&1); rc=$?
same "out link: out itself refused" 1 "$rc"
contains "out link: out itself named" "out is a symbolic link" "$out"
rm -f out
mkdir -p out/linux_amd64 && ln -s "$w/elsewhere/a" out/linux_amd64/a
out=$(gn 2>&1); rc=$?
same "out link: the binary's own path refused (a link to nothing yet)" 1 "$rc"
contains "out link: the binary named" "out/linux_amd64/a is a symbolic link" "$out"
rm -rf out
mkdir out && ln -s "$w/elsewhere" out/.deps
out=$(gn 2>&1); rc=$?
same "out link: out/.deps refused (godeps writes the listings there)" 1 "$rc"
contains "out link: out/.deps named" "out/.deps is a symbolic link" "$out"
rm -rf out

# 12.6: include reads only regular files inside the project, within
# --max-memory; a link inside pointing inside is fine
printf 'go_binary { name = "secret", main = "./cmd/a" }\n' >"$w/outside.lua"
inc() { printf '%sinclude "%s"\n' "$rules" "$1" >goninja.lua; }
ln -s ../outside.lua out.lua
inc out.lua
out=$(gn 2>&1); rc=$?
same "12.6 include link outside: refused" 1 "$rc"
same "12.6 include link outside: message" \
	"goninja.lua:3:9: error: include \"out.lua\": it resolves to $(realpath "$w/outside.lua"), outside the project directory" "$out"
ln -s /dev/zero zero.lua
inc zero.lua
out=$(gn --max-memory 64 2>&1); rc=$?
same "12.6 include /dev/zero: refused" 1 "$rc"
contains "12.6 include /dev/zero: message" 'include "zero.lua": it resolves to /dev/zero, outside' "$out"
mkfifo fifo.lua
inc fifo.lua
out=$(gn 2>&1); rc=$?
same "12.6 include FIFO: refused" 1 "$rc"
same "12.6 include FIFO: message" \
	'goninja.lua:3:9: error: include "fifo.lua": is a FIFO, not a regular file' "$out"
truncate -s 2M big.lua
inc big.lua
out=$(gn --max-memory 1 2>&1); rc=$?
same "12.6 include over --max-memory: refused" 1 "$rc"
same "12.6 include over --max-memory: message" \
	'goninja.lua:3:9: error: include "big.lua": is larger than 1 MiB, the --max-memory cap' "$out"
printf 'go_binary { name = "b", main = "./cmd/a" }\n' >sub/real.lua
ln -s sub/real.lua inner.lua
inc inner.lua
check "12.6 include link inside the project: read" gn
contains "12.6 include link inside the project: its binary" "out/linux_amd64/b" "$(cat build.ninja)"
out=$(gn -f fifo.lua 2>&1); rc=$?
same "12.6 -f FIFO: refused" 1 "$rc"
same "12.6 -f FIFO: message" "fifo.lua: error: cannot read the rule file: is a FIFO, not a regular file" "$out"
# a release file is packed into archives: a link out of the project would
# publish a file of the user's
printf '%srelease { files = { "NOTES" } }\n' "$rules" >goninja.lua
ln -s ../victim NOTES
out=$(gn 2>&1); rc=$?
same "12.6 release file link outside: refused" 1 "$rc"
contains "12.6 release file link outside: message" \
	"release: file \"NOTES\": it resolves to $(realpath "$w/victim"), outside the project directory" "$out"
rm NOTES && ln -s go.mod NOTES
check "12.6 release file link inside: accepted" gn
printf '%s' "$rules" >goninja.lua
rm -f out.lua zero.lua fifo.lua big.lua inner.lua NOTES

# 12.10: check reads only regular files, up to a bound it names
out=$(gn check /dev/zero 2>&1); rc=$?
same "12.10 check /dev/zero: status" 2 "$rc"
same "12.10 check /dev/zero: message" "goninja: check: /dev/zero: is a character device, not a regular file" "$out"
mkfifo fifo
out=$(gn check fifo 2>&1); rc=$?
same "12.10 check FIFO: status" 2 "$rc"
same "12.10 check FIFO: message" "goninja: check: fifo: is a FIFO, not a regular file" "$out"
out=$(gn sbom --name a --platform linux/amd64 fifo -- go ./cmd/a 2>&1); rc=$?
same "12.10 sbom of a FIFO: status" 1 "$rc"
same "12.10 sbom of a FIFO: message" "goninja: sbom: fifo: cannot read it" "$out"
truncate -s 1025M huge
out=$(gn check huge 2>&1); rc=$?
same "12.10 check over the bound: status" 2 "$rc"
same "12.10 check over the bound: message" "goninja: check: huge: is larger than 1 GiB" "$out"
rm -f fifo huge

# 12.13: -f outside the project: refused, saying what -f takes
for f in "$w/proj/goninja.lua" ../proj/goninja.lua sub/../../proj/goninja.lua; do
	out=$(gn -f "$f" 2>&1); rc=$?
	same "12.13 -f $f: refused" 2 "$rc"
	same "12.13 -f $f: message" "goninja: -f $f: the rule file must be inside the project directory, named relative to it without \"..\" (to generate for another directory, run goninja -C DIR)" "$out"
done
check "12.13 -C DIR with a relative -f" gn -C "$w/proj" -f goninja.lua -o other.ninja
check "12.13 -C DIR: other.ninja written there" test -f "$w/proj/other.ninja"

# verify = false, sbom = false: no check or SBOM edges; their targets
# fail and say why; a release brings the checks back (it needs them)
cd "$w/proj" || exit 1
printf 'project { name = "a", verify = false, sbom = false }\n%s' "$rules" >goninja.lua
check "off: generated" gn
targets=$(ninja -t targets all)
same "off: no check edge" "" "$(printf '%s\n' "$targets" | grep ': check')"
same "off: no SBOM edge" "" "$(printf '%s\n' "$targets" | grep ': sbom')"
out=$(ninja verify 2>&1); rc=$?
same "off: ninja verify fails" 1 "$rc"
contains "off: and says why" "goninja: verify = false (goninja.lua:1): no checks were written; set verify = true in project { }" "$out"
out=$(ninja sbom 2>&1); rc=$?
same "off: ninja sbom fails" 1 "$rc"
contains "off: and says why" "goninja: sbom = false (goninja.lua:1): no SBOMs were written" "$out"
printf 'project { name = "a", verify = false, sbom = false }\n%srelease { sbom = "none" }\n' "$rules" >goninja.lua
check "off with a release: generated" gn
same "off with a release: the checks are back" "out/.verify/linux_amd64/a" \
	"$(ninja -t targets all | sed -n 's/: check_[0-9]*$//p')"
printf '%s' "$rules" >goninja.lua
check "on: generated" gn
same "on: an SBOM edge per cell" "out/linux_amd64/a.cdx.json out/linux_amd64/a.spdx.json" \
	"$(ninja -t targets all | sed -n 's/: sbom_[0-9]*$//p' | sort | tr '\n' ' ' | sed 's/ $//')"

# goninja smoke: bad usage is status 2 and the usage line, never a run
out=$("$GONINJA" smoke --platform=linux/amd64 --log=x.log /bin/true --run 5 0 2>&1); rc=$?
same "smoke: a malformed --run" 2 "$rc"
contains "smoke: says so" "goninja: smoke: malformed --run" "$out"
out=$("$GONINJA" smoke --log=x.log /bin/true --run 5 0 '' 0 2>&1); rc=$?
same "smoke: no --platform" 2 "$rc"
out=$("$GONINJA" smoke --platform=linux/amd64 --log=x.log --archive=a.zip /bin/true --run 5 0 '' 0 2>&1); rc=$?
same "smoke: --archive without --member" 2 "$rc"
check "smoke: no log for bad usage" test ! -e x.log

cd / && rm -rf "$w"
# godeps --then: the go build runs beside go list, not after it (this
# go list waits, up to a minute, for the build to start); the build's
# status comes first, go list's messages only when the build succeeded
t=$(mktemp -d)
cat > "$t/go" <<'EOF'
#!/bin/sh
case $1 in
list)
	i=0
	while [ ! -e "$T/built" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	[ -e "$T/built" ] || { echo "go list: no build beside me" >&2; exit 1; }
	[ -z "$LISTFAIL" ] || { echo "go list: $LISTFAIL" >&2; exit 1; }
	sleep 1.1 ;;   # the listing is written well after the binary
build)
	: > "$T/a"
	: > "$T/built"
	[ -z "$BUILDFAIL" ] || { echo "go build: $BUILDFAIL" >&2; exit 3; } ;;
esac
EOF
chmod +x "$t/go"
then_run() { (cd "$t" && T=$t timeout -s KILL 120 "$GONINJA" godeps --pkgs a.pkgs a a.d . -- "$t/go" ./a \
	--then "$t/go" build -o a ./a 2>&1); }
out=$(then_run); rc=$?
same "godeps --then: go list and go build ran at once" "0 " "$rc $out"
check "godeps --then: the depfile is written" test -s "$t/a.d"
check "godeps --then: the binary is not older than the listing (ninja's input)" \
	test ! "$t/a" -ot "$t/a.pkgs"
rm -f "$t/built"
out=$(BUILDFAIL=broken then_run); rc=$?
same "godeps --then: a failed build's status and message" "3 go build: broken" "$rc $out"
rm -f "$t/built"
out=$(LISTFAIL=broken then_run); rc=$?
same "godeps --then: a failed go list after a good build fails" 1 "$rc"
contains "godeps --then: with go list's message" "go list: broken" "$out"
rm -f "$t/built"
out=$(BUILDFAIL=broken LISTFAIL=hidden then_run); rc=$?
same "godeps --then: both failed: the build's status and message alone" "3 go build: broken" "$rc $out"
rm -rf "$t"

summary
