#!/bin/sh
# End to end on examples/cgo with the Go in GOROOT_BIN: cgo static and
# dynamic, native and cross (arm64, arm/v7, windows through mingw), musl,
# static-pie, a C library (libsqlite3). Every binary is inspected and run.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
gover=$(go env GOVERSION)
echo "e2e_cgo: $gover"
p=$(project_copy cgo)
cd "$p" || exit 1

out=$("$GONINJA" 2>&1); rc=$?
same "$gover: goninja" 0 "$rc"

# foreign binaries run exactly as goninja doctor advises: dynamic ones need
# the target's loader and libc, plain qemu-ARCH with the multiarch loader
# installed (-L the cross sysroot then spins forever), else -L. Killed
# after 60 s: a hang fails the test instead of the suite.
doctor=$("$GONINJA" doctor 2>/dev/null)
advice() { printf '%s\n' "$doctor" | grep "^$1 " | sed 's/.*   run: //'; }
adv_arm64=$(advice linux/arm64)
adv_arm=$(advice linux/arm/v7)
echo "doctor: linux/arm64 runs with [$adv_arm64], linux/arm/v7 with [$adv_arm]"
contains "doctor: arm64 under qemu" "qemu-aarch64" "$adv_arm64"
contains "doctor: arm/v7 under qemu" "qemu-arm" "$adv_arm"
if [ -e /lib/ld-linux-aarch64.so.1 ]; then
	same "doctor: plain qemu-aarch64 with the multiarch loader" "qemu-aarch64" "$adv_arm64"
fi
run() {
	case $1 in
	*linux_arm64*) timeout -s KILL 60 $adv_arm64 "$1" ;;
	*linux_arm_v7*) timeout -s KILL 60 $adv_arm "$1" ;;
	*) "$1" ;;
	esac
}
build=$(ninja 2>&1); rc=$?
same "$gover: ninja builds and verifies every cell" 0 "$rc"
[ "$rc" = 0 ] || echo "$build" | tail -20 >&2

agrees out/linux_*/* out/windows_amd64/*
want="C says 42, localhost ok, user $(id -u) ok"
for plat in linux_amd64 linux_arm64 linux_arm_v7; do
	check "$gover $plat netuser (auto) is static" elf_static out/$plat/netuser
	contains "$gover $plat netuser runs" "$want" "$(run out/$plat/netuser 2>&1)"
	check "$gover $plat netuser-dyn is dynamic" readelf -lW out/$plat/netuser-dyn
	contains "$gover $plat netuser-dyn needs libc" "libc.so.6" "$(readelf -dW out/$plat/netuser-dyn)"
	contains "$gover $plat netuser-dyn runs" "$want" "$(run out/$plat/netuser-dyn 2>&1)"
	check "$gover $plat puredns (no C, external static) is static" elf_static out/$plat/puredns
	contains "$gover $plat puredns runs, not crashes" "puredns: localhost ok" "$(run out/$plat/puredns 2>&1)"
done
contains "arm64 really is arm64" "ARM aarch64" "$(file -b out/linux_arm64/netuser)"
contains "arm v7 is hard-float" "EABI5" "$(file -b out/linux_arm_v7/netuser-dyn)"
contains "arm v7 dynamic uses the armhf loader" "ld-linux-armhf.so.3" "$(readelf -lW out/linux_arm_v7/netuser-dyn)"

# musl: static, and no glibc warning when linking
check "musl netuser is static" elf_static out/linux_amd64/netuser-musl
contains "musl netuser runs" "$want" "$(out/linux_amd64/netuser-musl)"
same "musl: no glibc inside" 0 "$(strings out/linux_amd64/netuser-musl | grep -ci glibc)"
check "glibc static: glibc inside (the test can tell)" sh -c "strings out/linux_amd64/netuser | grep -qi glibc"

# static-pie: ELF ET_DYN, no interpreter, runs
contains "netuser-pie is static-pie" "static-pie" "$("$GONINJA" check out/linux_amd64/netuser-pie)"
check "netuser-pie has no interpreter" sh -c "! readelf -lW out/linux_amd64/netuser-pie | grep -q INTERP"
contains "netuser-pie runs" "$want" "$(out/linux_amd64/netuser-pie)"

# libsqlite3: static (with -lm) natively and for arm64, dynamic natively
for plat in linux_amd64 linux_arm64; do
	check "$plat sqlite is static" elf_static out/$plat/sqlite
	contains "$plat sqlite runs" "6*7 = 42" "$(run out/$plat/sqlite 2>&1)"
	contains "$plat sqlite-dyn needs libsqlite3" "libsqlite3.so.0" "$(readelf -dW out/$plat/sqlite-dyn)"
	contains "$plat sqlite-dyn runs" "6*7 = 42" "$(run out/$plat/sqlite-dyn 2>&1)"
	# static glibc + libsqlite3: glibc's dlopen inside; check says so, and passes
	out=$("$GONINJA" check out/$plat/sqlite 2>&1 >/dev/null); rc=$?
	same "$plat static sqlite: check passes" 0 "$rc"
	contains "$plat static sqlite: check names the dlopen" "warning: static glibc with SQLite's load_extension: it calls dlopen" "$out"
	contains "$plat static sqlite: and the way out" "tags sqlite_omit_load_extension" "$out"
	same "$plat sqlite-dyn: no dlopen warning" "" "$("$GONINJA" check out/$plat/sqlite-dyn 2>&1 >/dev/null)"
	same "$plat static netuser (no SQLite): no dlopen warning" "" "$("$GONINJA" check out/$plat/netuser 2>&1 >/dev/null)"
done
contains "the link of static sqlite warned" "Using 'dlopen' in statically linked applications" "$build"
contains "and the build's check said so" "goninja: check: out/linux_amd64/sqlite (goninja.lua:24): warning: static glibc with SQLite" "$build"

# windows through mingw: a PE importing only system DLLs
out=$("$GONINJA" check --expect dynamic --allow kernel32.dll --allow msvcrt.dll out/windows_amd64/netuser.exe 2>&1)
same "windows netuser imports only kernel32 and msvcrt" \
	"out/windows_amd64/netuser.exe: PE32+ amd64 windows, dynamic, imports KERNEL32.dll, msvcrt.dll" "$out"

# the flags as explained
out=$("$GONINJA" explain netuser@linux/arm64)
contains "explain: CC for arm64" "CC=aarch64-linux-gnu-gcc" "$out"
contains "explain: why CGO_ENABLED=1" "Go turns cgo off when cross-compiling" "$out"
contains "explain: netgo,osusergo" "-tags=netgo,osusergo" "$out"
contains "explain: why netgo" "Go's pure resolvers need none" "$out"
contains "explain: the all= form" "all=-linkmode external -extldflags -static" "$out"
contains "explain: mingw" "CC=x86_64-w64-mingw32-gcc" "$("$GONINJA" explain netuser@windows/amd64)"
contains "explain: musl" "CC=musl-gcc" "$("$GONINJA" explain netuser-musl@linux/amd64)"
contains "explain: -lm" "-extldflags \"-static -lm\"" "$("$GONINJA" explain sqlite@linux/amd64)"

# -lsqlite3 in the rule, static glibc: said at generation and by explain
cat >>goninja.lua <<'LUA'
go_binary { name = "sqlite-l", main = "./cmd/sqlite", cgo = true, cgo_ldflags = { "-lsqlite3" },
            extldflags = { "-lm" }, platforms = native }
LUA
out=$("$GONINJA" 2>&1)
contains "-lsqlite3 static: a warning at generation" "warning: go_binary \"sqlite-l\": -lsqlite3 in a static glibc binary" "$out"
contains "-lsqlite3 static: explain says so" "warning: -lsqlite3 in a static glibc binary" "$("$GONINJA" explain sqlite-l@linux/amd64 2>/dev/null)"
out=$("$GONINJA" explain sqlite@linux/amd64 2>/dev/null)
case $out in *"warning: -lsqlite3"*) bad "no -lsqlite3 in the rule: explain cannot know" ;; *) ok ;; esac

# nss = true: a warning at generation time, and libc's lookups kept
cat >>goninja.lua <<'LUA'
go_binary { name = "netuser-nss", main = "./cmd/netuser", cgo = true, nss = true, platforms = native }
LUA
out=$("$GONINJA" 2>&1)
contains "nss = true warns" "warning: go_binary \"netuser-nss\": nss = true: a static glibc binary" "$out"
out=$(ninja out/linux_amd64/netuser-nss 2>&1)
contains "nss: glibc's own link warning" "statically linked applications requires at runtime" "$out"
check "nss binary is static" elf_static out/linux_amd64/netuser-nss
contains "nss binary runs here" "$want" "$(out/linux_amd64/netuser-nss)"

# a binary that silently came out dynamic fails the build at its check
cat >>goninja.lua <<'LUA'
go_binary { name = "liar", main = "./cmd/puredns", env = { GOFLAGS = "-buildmode=pie" }, platforms = native }
LUA
line=$(wc -l <goninja.lua)
"$GONINJA" 2>/dev/null
out=$(ninja verify 2>&1); rc=$?
same "a dynamic binary declared static fails ninja verify" 1 "$rc"
contains "naming the binary, the platform and what it loads" \
	"goninja: check: out/linux_amd64/liar (goninja.lua:$line): expected static, but it is dynamic: interpreter /lib64/ld-linux-x86-64.so.2" "$out"
out=$(ninja 2>&1); rc=$?
same "and fails the default build too" 1 "$rc"
check "the binary itself was built" test -x out/linux_amd64/liar
check "no stamp for it" test ! -e out/.verify/linux_amd64/liar

cd / && rm -rf "$p"
summary
