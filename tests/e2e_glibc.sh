#!/bin/sh
# End to end: a glibc floor (project { glibc = }, go_binary { glibc = }) is
# checked on every dynamic glibc cell by ninja verify; a cgo binary calling
# arc4random (GLIBC_2.36, Debian 12's glibc) fails a 2.34 floor with the
# symbol named. Static and musl cells have no floor and say so.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
gover=$(go env GOVERSION)
echo "e2e_glibc: $gover"
libc=$(ldd --version 2>&1 | sed -n '1s/.* \([0-9][0-9.]*\)$/\1/p')
p=$(mktemp -d "${TMPDIR:-/tmp}/goninja-test.XXXXXX")
cd "$p" || exit 1
mkdir -p cmd/plain cmd/fresh
printf 'module floor\n\ngo 1.19\n' >go.mod
cat >cmd/plain/main.go <<'GO'
package main

// #include <unistd.h>
import "C"
import "fmt"

func main() { fmt.Println("pid ok:", C.getpid() > 0) }
GO
cat >cmd/fresh/main.go <<'GO'
package main

// #include <stdlib.h>
import "C"
import "fmt"

func main() { fmt.Println("random:", uint32(C.arc4random()) >= 0) }
GO
cat >goninja.lua <<'LUA'
project { name = "floor", glibc = "2.34" }
platforms { "linux/amd64" }
go_binary { name = "plain", main = "./cmd/plain", cgo = true, link = "dynamic" }
go_binary { name = "static", main = "./cmd/plain", cgo = true }
go_binary { name = "musl", main = "./cmd/plain", cgo = true, libc = "musl" }
go_binary { name = "own", main = "./cmd/fresh", cgo = true, link = "dynamic", glibc = "2.36" }
go_binary { name = "fresh", main = "./cmd/fresh", cgo = true, link = "dynamic",
            platforms = { "linux/amd64", "linux/arm64" } }
LUA
fresh=$(grep -n '"fresh"' goninja.lua | cut -d: -f1)

case $libc in
2.3[6-9]*|2.[4-9]*) ;;
*) echo "not run here: glibc $libc is older than 2.36 (no arc4random)"
   cd / && rm -rf "$p"; summary; exit ;;
esac

out=$("$GONINJA" 2>&1); rc=$?
same "$gover: goninja" 0 "$rc"
[ "$rc" = 0 ] || echo "$out" >&2
out=$(ninja 2>&1); rc=$?
same "$gover: a binary above the floor fails the build" 1 "$rc"
out=$(ninja -k 0 verify 2>&1); rc=$?
same "$gover: ninja verify fails" 1 "$rc"
contains "$gover: the amd64 cell names the version and the symbol" \
	"goninja: check: out/linux_amd64/fresh (goninja.lua:$fresh): needs GLIBC_2.36, newer than the floor GLIBC_2.34 (symbol arc4random from libc.so.6)" "$out"
contains "$gover: so does the arm64 cell" \
	"goninja: check: out/linux_arm64/fresh (goninja.lua:$fresh): needs GLIBC_2.36, newer than the floor GLIBC_2.34 (symbol arc4random from libc.so.6)" "$out"
check "$gover: plain (dynamic, within the floor) verified" test -e out/.verify/linux_amd64/plain
check "$gover: own floor 2.36 wins over the project's" test -e out/.verify/linux_amd64/own
check "$gover: fresh not verified" test ! -e out/.verify/linux_amd64/fresh
agrees out/linux_*/*

# what check reads: the highest version, and every one in --json
out=$("$GONINJA" check out/linux_amd64/fresh)
contains "$gover: check names the highest version" "symbol versions up to GLIBC_2.36" "$out"
out=$("$GONINJA" check --json out/linux_amd64/fresh)
contains "$gover: --json: the floor" '"glibc":"2.36"' "$out"
contains "$gover: --json: the version and its symbol" '"name":"GLIBC_2.36","index":' "$out"
out=$("$GONINJA" check --max-glibc 2.36 out/linux_amd64/fresh 2>&1); rc=$?
same "$gover: --max-glibc 2.36 passes it" 0 "$rc"
out=$("$GONINJA" check --max-glibc 2.x out/linux_amd64/fresh 2>&1); rc=$?
same "$gover: --max-glibc takes versions only" 2 "$rc"

# explain and report
contains "explain: the floor" "glibc floor: 2.34" "$("$GONINJA" explain plain@linux/amd64)"
contains "explain: static has none" "glibc floor: none: static" "$("$GONINJA" explain static@linux/amd64)"
contains "explain: musl has none" "glibc floor: none: static" "$("$GONINJA" explain musl@linux/amd64)"
out=$("$GONINJA" report 2>&1)
contains "report: fresh needs 2.36" "glibc 2.36+" "$(echo "$out" | grep '^fresh .*linux/amd64')"
contains "report: plain's need and floor" "(floor 2.34)" "$(echo "$out" | grep '^plain ')"
contains "report: fresh's floor" "glibc 2.36+ (floor 2.34)" "$(echo "$out" | grep '^fresh .*linux/amd64')"
contains "report: static has none, and why" "no glibc floor: static: glibc is linked in" "$(echo "$out" | grep '^static ')"
json=$(cat out/artifacts.json)
contains "artifacts.json: the need" '"glibc": "2.36", "glibc_floor": "2.34"' "$json"
contains "artifacts.json: static: why none" '"glibc_floor": "static: glibc is linked in, nothing to check"' "$json"

# a bad floor is a rule-file error
sed -i 's/glibc = "2.34"/glibc = "2.x"/' goninja.lua
out=$("$GONINJA" 2>&1); rc=$?
same "a bad floor fails generation" 1 "$rc"
contains "naming the field" 'project: glibc "2.x" is not a glibc version like "2.28"' "$out"

cd / && rm -rf "$p"
summary
