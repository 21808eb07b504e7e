#!/bin/sh
# End to end: smoke runs (ninja smoke, and release depends on them) for a
# matrix of linux amd64, 386, arm64, arm/v7, riscv64, ppc64le, s390x and
# windows/amd64, each run under the runner goninja smoke chose here, and
# darwin reported as not run. A binary printing the wrong version fails
# ninja smoke and ninja release; a broken archive fails the release before
# SHA256SUMS is written; a run that hangs is killed.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
gover=$(go env GOVERSION)
echo "e2e_smoke: $gover"
p=$(mktemp -d "${TMPDIR:-/tmp}/goninja-test.XXXXXX")
cd "$p" || exit 1
mkdir -p cmd/hello
printf 'module hello\n\ngo 1.19\n' >go.mod
cat >cmd/hello/main.go <<'GO'
package main

import (
	"fmt"
	"os"
	"time"
)

var version = "dev"

func main() {
	switch {
	case len(os.Args) > 1 && os.Args[1] == "--version":
		fmt.Println("hello", version)
	case len(os.Args) > 1 && os.Args[1] == "--hang":
		time.Sleep(time.Hour)
	default:
		fmt.Println("usage: hello --version")
		os.Exit(3)
	}
}
GO
cat >README <<'TXT'
hello
TXT
cat >goninja.lua <<'LUA'
project { name = "hello", version = "1.2.3" }
platforms { "linux/amd64", "linux/386", "linux/arm64", "linux/arm/v7", "linux/riscv64",
            "linux/ppc64le", "linux/s390x", "windows/amd64", "darwin/arm64" }
go_binary {
  name = "hello", main = "./cmd/hello",
  x = { ["main.version"] = var("stamp", "{version}") },
  smoke = {
    { args = { "--version" }, expect = "hello {version}", timeout = 600 },
    { expect = "^usage: hello", status = 3, timeout = 600 },
  },
}
release { files = { "README" } }
LUA

# what each platform must have run under, probed here independently
wine=/usr/lib/wine/wine64
winedlls=/usr/lib/x86_64-linux-gnu/wine/x86_64-windows
gominor=$(echo "$gover" | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
runner_of() {
	case $1 in
	linux_amd64) echo native ;;
	linux_arm64) echo qemu-aarch64 ;;
	linux_arm_v7) echo qemu-arm ;;
	linux_riscv64) echo qemu-riscv64 ;;
	linux_ppc64le) echo qemu-ppc64le ;;
	linux_s390x) echo qemu-s390x ;;
	windows_amd64) echo wine64 ;;
	esac
}

out=$("$GONINJA" 2>&1); rc=$?
same "$gover: goninja" 0 "$rc"
contains "explain: how arm64 runs here" "smoke: 2 runs; on this machine it runs under qemu-aarch64" \
	"$("$GONINJA" explain hello@linux/arm64)"
contains "explain: darwin is not run" "it is not run here: darwin binaries do not run on linux" \
	"$("$GONINJA" explain hello@darwin/arm64)"
row=$("$GONINJA" doctor 2>/dev/null | grep '^windows/amd64')
if [ ! -x $wine ]; then
	contains "$gover doctor: wine64 missing" "(install wine64)" "$row"
elif [ "$gominor" -ge 22 ] && [ -e $winedlls/kernel32.dll ] && [ ! -e $winedlls/bcryptprimitives.dll ]; then
	contains "$gover doctor: this wine cannot run Go 1.22+" "cannot run here: wine here has no bcryptprimitives.dll" "$row"
else
	contains "$gover doctor: windows under wine64" "run: $wine (smoke runs" "$row"
fi
out=$(ninja smoke 2>&1); rc=$?
same "$gover: ninja smoke" 0 "$rc"
[ "$rc" = 0 ] || echo "$out" | tail -20 >&2

for plat in linux_amd64 linux_arm64 linux_arm_v7 linux_riscv64 linux_ppc64le linux_s390x windows_amd64; do
	exe=hello
	[ "$plat" = windows_amd64 ] && exe=hello.exe
	log=out/.smoke/$plat/$exe.log
	if [ "$plat" = windows_amd64 ] && [ ! -x $wine ]; then
		echo "not run here: $wine is not installed (Debian's wine64)"
		contains "windows: not run, and why" "result: not run: $wine not found" "$(cat $log 2>&1)"
		continue
	fi
	# Go 1.22+ windows binaries load bcryptprimitives.dll, which wine 8.0
	# (Debian 12) lacks: not run, and why, rather than a runtime crash
	# reported as the program's failure
	if [ "$plat" = windows_amd64 ] && [ "$gominor" -ge 22 ] &&
	   [ -e $winedlls/kernel32.dll ] && [ ! -e $winedlls/bcryptprimitives.dll ]; then
		echo "not run here: $gover windows binaries need bcryptprimitives.dll, not in this wine"
		contains "$gover windows: not run, and why" \
			"result: not run: wine here has no bcryptprimitives.dll" "$(cat $log 2>&1)"
		continue
	fi
	log_text=$(cat "$log" 2>&1)
	contains "$gover $plat: ran under $(runner_of $plat)" "runner: $(runner_of $plat)" "$log_text"
	contains "$gover $plat: ran from the archive" "from: out/release/hello_1.2.3_" "$log_text"
	contains "$gover $plat: --version printed the version" \
		'run 1 [--version]: exit status 0, stdout holds "hello 1.2.3"' "$log_text"
	contains "$gover $plat: no arguments: status 3 and the usage" \
		'run 2 []: exit status 3, stdout holds "^usage: hello"' "$log_text"
	contains "$gover $plat: result ok" "result: ok" "$log_text"
done

# 386: natively where this kernel runs it (asked of the kernel here, by
# running the binary), else not run with the reason
log_text=$(cat out/.smoke/linux_386/hello.log 2>&1)
if timeout -s KILL 60 out/linux_386/hello --version >/dev/null 2>&1; then
	contains "$gover 386: the kernel runs it: native" "runner: native" "$log_text"
	contains "$gover 386: result ok" "result: ok" "$log_text"
	out=$(GONINJA_PROBE_NO_EXEC=linux/386 "$GONINJA" smoke --platform=linux/386 \
		--log="$p/386.log" out/linux_386/hello --run 60 0 hello 1 --version 2>&1); rc=$?
	same "$gover 386 on a kernel that refuses it: not a failure" 0 "$rc"
	contains "$gover 386 on a kernel that refuses it: not run, and why" \
		"not run: the kernel refuses 32-bit x86 binaries" "$out"
else
	contains "$gover 386: this kernel refuses it: not run, and why" \
		"result: not run: the kernel refuses 32-bit x86 binaries" "$log_text"
fi
contains "$gover darwin: not run, and why" "result: not run: darwin binaries do not run on linux" \
	"$(cat out/.smoke/darwin_arm64/hello.log 2>&1)"

agrees out/linux_*/hello out/windows_amd64/hello.exe out/darwin_arm64/hello
out=$(ninja smoke 2>&1)
contains "$gover: a second ninja smoke runs nothing" "no work to do" "$out"
out=$("$GONINJA" report 2>&1)
contains "report: arm64 under qemu" "smoke ok under qemu-aarch64" "$(echo "$out" | grep 'linux/arm64')"
contains "report: darwin not run" "smoke not run: darwin binaries do not run on linux" "$out"
contains "artifacts.json: smoke results" '"smoke": {"result": "ok", "runner": "qemu-s390x"}' \
	"$(cat out/artifacts.json)"

out=$(ninja release 2>&1); rc=$?
same "$gover: ninja release" 0 "$rc"
check "$gover: SHA256SUMS written" test -s out/release/SHA256SUMS

# a broken archive (the binary missing from it) fails the release, and
# SHA256SUMS is not written
"$GONINJA" archive -o out/release/hello_1.2.3_linux_arm64.tar.gz README=README
rm -f out/release/SHA256SUMS
out=$(ninja release 2>&1); rc=$?
same "$gover: a broken archive fails ninja release" 1 "$rc"
contains "$gover: naming what is missing" "hello_1.2.3_linux_arm64.tar.gz holds no hello" "$out"
check "$gover: no SHA256SUMS" test ! -e out/release/SHA256SUMS
printf 'not gzip' >out/release/hello_1.2.3_windows_amd64.zip
out=$(ninja -k 0 release 2>&1); rc=$?
same "$gover: a corrupt zip fails too" 1 "$rc"
contains "$gover: naming the zip" "hello_1.2.3_windows_amd64.zip: not a zip file" "$out"
rm -rf out/release

# a binary printing the wrong version fails ninja smoke and ninja release
"$GONINJA" -D stamp=9.9.9 >/dev/null 2>&1
out=$(ninja -k 0 smoke 2>&1); rc=$?
same "$gover: wrong version: ninja smoke fails" 1 "$rc"
contains "$gover: naming the binary, platform, runner and output" \
	'goninja: smoke: out/linux_amd64/hello (linux/amd64, natively): run 1 [--version]: stdout does not hold the expected text; expect "hello 1.2.3"; stdout "hello 9.9.9\n"' "$out"
out=$(ninja -k 0 release 2>&1); rc=$?
same "$gover: wrong version: ninja release fails" 1 "$rc"
check "$gover: wrong version: no SHA256SUMS" test ! -e out/release/SHA256SUMS
check "$gover: the failed log is kept apart" test -e out/.smoke/linux_arm64/hello.log.failed
check "$gover: and the stamp is gone" test ! -e out/.smoke/linux_arm64/hello.log
contains "report: the failure" "smoke failed" "$("$GONINJA" report 2>&1 | grep 'linux/arm64')"

# a run that hangs is killed at its time limit (a hard SIGKILL)
out=$("$GONINJA" smoke --platform=linux/amd64 --log="$p/hang.log" out/linux_amd64/hello \
	--run 2 0 x 1 --hang 2>&1); rc=$?
same "a hanging run fails" 1 "$rc"
contains "killed, and said so" "killed after 2 s (timeout)" "$out"

cd / && rm -rf "$p"
summary
