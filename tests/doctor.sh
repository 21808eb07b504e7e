#!/bin/sh
# goninja doctor: the Go of each binary, ninja, cgo's C compilers and
# qemu-user checked against this machine; the apt-get lines; exit 1 when a
# declared cell cannot be built here, 0 when every one can.
. "$(dirname "$0")/lib.sh"

p=$(project_copy cgo)
cd "$p" || exit 1
gover=$(go env GOVERSION)

# the line of platform $1 in $out
row() { printf '%s\n' "$out" | grep "^$1 "; }

cat >goninja.lua <<'EOF'
project { name = "dr" }
toolchain { "linux/riscv64", cc = "no-such-gcc" }
go_binary { name = "netuser", main = "./cmd/netuser", cgo = true,
            platforms = { "linux/amd64", "linux/arm64", "linux/riscv64" } }
go_binary { name = "pure", main = "./cmd/netuser",
            platforms = { "linux/arm/v7", "windows/amd64" } }
EOF
out=$("$GONINJA" doctor 2>/dev/null); rc=$?
same "a missing cross compiler: status 1" 1 "$rc"
contains "the rule file" "rule file  goninja.lua: 2 binaries on 5 platforms, 5 cells" "$out"
contains "the Go and its version" "go         $gover: go is " "$out"
contains "which binaries use it" "; for netuser, pure" "$out"
contains "ninja found" "ninja      $(readlink -f "$(command -v ninja)")" "$out"
r=$(row linux/amd64)
contains "amd64: go" "build: ok ($gover)" "$r"
contains "amd64: the host's gcc" "cgo: ok (gcc)" "$r"
contains "amd64: native" "run: native" "$r"
r=$(row linux/arm64)
contains "arm64: go" "build: ok ($gover)" "$r"
contains "arm64: the cross compiler" "cgo: ok (aarch64-linux-gnu-gcc)" "$r"
contains "arm64: qemu" "run: qemu-aarch64" "$r"
r=$(row linux/riscv64)
contains "riscv64: the missing compiler" "cgo: missing no-such-gcc" "$r"
contains "riscv64: qemu" "run: qemu-riscv64" "$r"
r=$(row linux/arm/v7)
contains "arm/v7: cgo off" "cgo: off" "$r"
contains "arm/v7: qemu-arm" "run: qemu-arm" "$r"
# windows/amd64: smoke runs it under Debian's wine64, where installed
if [ -x /usr/lib/wine/wine64 ]; then
	contains "windows under wine64" "run: /usr/lib/wine/wine64 (smoke runs" "$(row windows/amd64)"
else
	contains "windows: wine64 missing" "run: cannot run here: /usr/lib/wine/wine64 not found (install wine64)" "$(row windows/amd64)"
fi
contains "where the compiler was declared" "no-such-gcc: not on PATH, and no Debian package is known for it (cgo for linux/riscv64; toolchain declared at goninja.lua:2)" "$out"
same "the verdict" "doctor: 1 of 5 platforms cannot be built here: linux/riscv64" "$(printf '%s\n' "$out" | tail -1)"

# linux/386 is probed, not assumed: as if the kernel refused (the real
# probe is checked against a real 386 binary in e2e_matrix.sh)
cat >i386.lua <<'EOF'
go_binary { name = "pure", main = "./cmd/netuser", platforms = { "linux/386" } }
go_test { packages = { "./cmd/netuser" }, platforms = { "linux/amd64", "linux/386" } }
EOF
out=$(GONINJA_PROBE_NO_EXEC=linux/386 "$GONINJA" doctor -f i386.lua 2>/dev/null); rc=$?
same "386 refused: still buildable, status 0" 0 "$rc"
contains "386 refused: the reason" "run: cannot run here: the kernel refuses 32-bit x86 binaries (exec format error)" "$(row linux/386)"
contains "386 refused: its go_test is reported" 'go_test on linux/386: ninja test will say "not run here: the kernel refuses 32-bit x86 binaries (exec format error)"' "$out"
contains "amd64 still native" "run: native" "$(row linux/amd64)"
out=$("$GONINJA" doctor -f i386.lua 2>/dev/null)
case $(row linux/386) in
*"run: native"|*"run: cannot run here: "*) ok ;;
*) bad "386: neither native nor a reason: $(row linux/386)" ;;
esac

# everything buildable: status 0; -f, -D and -C reach it
cat >ok.lua <<'EOF'
go_binary { name = "netuser", main = "./cmd/netuser", cgo = true,
            platforms = { "linux/amd64", "linux/arm64" } }
EOF
cat >cc.lua <<'EOF'
toolchain { "linux/arm64", cc = var("cc", "aarch64-linux-gnu-gcc") }
go_binary { name = "netuser", main = "./cmd/netuser", cgo = true,
            platforms = { "linux/amd64", "linux/arm64" } }
EOF
out=$("$GONINJA" doctor -f ok.lua 2>/dev/null); rc=$?
same "all buildable: status 0" 0 "$rc"
same "all buildable: the verdict" "doctor: every cell can be built here" "$(printf '%s\n' "$out" | tail -1)"
cd / || exit 1
check "-C and -f: status 0" "$GONINJA" doctor -C "$p" -f cc.lua
out=$("$GONINJA" doctor -C "$p" -f cc.lua -D cc=no-such-gcc-2 2>/dev/null); rc=$?
same "-D: status 1" 1 "$rc"
contains "-D reached var()" "cgo: missing no-such-gcc-2" "$(row linux/arm64)"
same "-D: the verdict" "doctor: 1 of 2 platforms cannot be built here: linux/arm64" "$(printf '%s\n' "$out" | tail -1)"
cd "$p" || exit 1

# no Go, no cross compiler, no qemu on PATH: each reported with its package
mkdir bin
for t in ninja gcc git; do ln -s "$(command -v $t)" bin/$t; done
out=$(PATH=$p/bin "$GONINJA" doctor -f ok.lua 2>/dev/null); rc=$?
same "without go: status 1" 1 "$rc"
contains "without go: said" "go         missing: go not found; for netuser (install golang-go)" "$out"
contains "without go: no build" "build: no (no go)" "$(row linux/arm64)"
contains "without a cross compiler: its package" "cgo: missing aarch64-linux-gnu-gcc (install gcc-aarch64-linux-gnu)" "$(row linux/arm64)"
contains "without qemu" "run: cannot run here: qemu-aarch64 not found (install qemu-user)" "$(row linux/arm64)"
contains "the apt-get line to build" "to build here: apt-get install golang-go" "$out"
contains "it names the cross compiler" "gcc-aarch64-linux-gnu" "$(printf '%s\n' "$out" | grep '^to build here:')"
contains "the apt-get line to run" "to run here:   apt-get install qemu-user" "$out"
out=$(PATH=$p/bin "$GONINJA" doctor -f ok.lua 2>&1 >/dev/null)
contains "gen's warning on stderr" "Go command not found" "$out"

# ninja missing; a go.mod newer than the Go
rm bin/ninja && ln -s "$(command -v go)" bin/go
out=$(PATH=$p/bin "$GONINJA" doctor -f ok.lua 2>/dev/null); rc=$?
same "without ninja: status 1" 1 "$rc"
contains "without ninja: said" "ninja      missing (install ninja-build)" "$out"
contains "without ninja: the verdict" "doctor: ninja is missing: nothing can be built here" "$out"
sed -i 's/^go .*/go 1.99/' go.mod
out=$("$GONINJA" doctor -f ok.lua 2>/dev/null); rc=$?
same "go.mod too new: status 1" 1 "$rc"
contains "go.mod too new: said" "go.mod     netuser: go.mod asks for go 1.99, newer than $gover" "$out"
contains "go.mod too new: no build" "build: no ($gover older than go.mod's go 1.99)" "$(row linux/amd64)"

# signing tools: the Debian ones found or their package named; cosign is
# not in Debian 12, and doctor says so when it is not on PATH
cat >sign.lua <<'EOF'
project { name = "dr" }
go_binary { name = "pure", main = "./cmd/netuser", platforms = { "linux/amd64" } }
release { }
sign { with = "minisign" }
sign { with = "cosign" }
EOF
out=$("$GONINJA" doctor -f sign.lua 2>/dev/null); rc=$?
if command -v minisign >/dev/null; then
	contains "minisign found" "minisign   $(command -v minisign)" "$out"
else
	contains "minisign missing" "minisign   missing (install minisign)" "$out"
fi
if command -v cosign >/dev/null; then
	contains "cosign found" "cosign     $(command -v cosign)" "$out"
	echo "not run here: doctor without cosign (cosign is on PATH)"
else
	contains "cosign: not in Debian 12" "cosign     missing: Debian 12 does not package it" "$out"
	contains "cosign: what to do" "sign with cosign: put a cosign binary on PATH" "$out"
	same "cosign missing: status 1" 1 "$rc"
fi

# .rpm packages need rpmbuild (the .deb is goninja's own): found, or named
cat >pkg.lua <<'EOF'
project { name = "dr" }
go_binary { name = "pure", main = "./cmd/netuser", platforms = { "linux/amd64" } }
release { }
package { maintainer = "M <m@example.org>", description = "a thing" }
EOF
out=$("$GONINJA" doctor -f pkg.lua 2>/dev/null)
if command -v rpmbuild >/dev/null; then
	contains "rpmbuild found" "rpmbuild   $(command -v rpmbuild)" "$out"
else
	echo "not run here: doctor with rpmbuild (rpmbuild is not on PATH)"
fi
out=$(PATH=$p/bin "$GONINJA" doctor -f pkg.lua 2>/dev/null); rc=$?
contains "rpmbuild missing: said" "rpmbuild   missing: .rpm packages need it (install rpm)" "$out"
contains "rpmbuild missing: in the apt-get line" " rpm" "$(printf '%s\n' "$out" | grep '^to build here:')"
same "rpmbuild missing: status 1" 1 "$rc"

# usage and errors
contains "doctor --help" "usage: goninja doctor [-C dir] [-f rulefile]" "$("$GONINJA" doctor --help)"
out=$("$GONINJA" doctor --bogus 2>&1); rc=$?
same "unknown option: status 2" 2 "$rc"
echo 'go_binary { name = "x" }' >bad.lua
out=$("$GONINJA" doctor -f bad.lua 2>&1); rc=$?
same "a bad rule file: status 1" 1 "$rc"
contains "a bad rule file: file:line" "bad.lua:1:" "$out"

cd / && rm -rf "$p"
summary
