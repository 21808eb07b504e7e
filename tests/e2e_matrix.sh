#!/bin/sh
# End to end on examples/matrix with the Go in GOROOT_BIN (default: go on
# PATH): goninja && ninja builds 3 binaries x 8 platforms; every linux and
# freebsd binary is static; foreign ones run under qemu; a second ninja
# does nothing; edits rebuild exactly what they should; a rule-file edit
# regenerates; a broken rule file keeps build.ninja and recovers.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
gover=$(go env GOVERSION)
echo "e2e_matrix: $gover"
p=$(project_copy matrix)
cd "$p" || exit 1

check "goninja writes build.ninja" "$GONINJA"
check "ninja builds the matrix" ninja
for bin in server cli worker; do
	for plat in linux_amd64 linux_arm64 linux_arm_v7 linux_386 freebsd_amd64; do
		check "$gover $plat/$bin is static" elf_static "out/$plat/$bin"
	done
	contains "$gover windows $bin is PE" "PE32+ executable" "$(file -b out/windows_amd64/$bin.exe)"
	contains "$gover darwin/amd64 $bin is Mach-O" "Mach-O 64-bit x86_64" "$(file -b out/darwin_amd64/$bin)"
	contains "$gover darwin/arm64 $bin is Mach-O" "Mach-O 64-bit arm64" "$(file -b out/darwin_arm64/$bin)"
done
agrees out/*/*
contains "arm64 ELF" "ARM aarch64" "$(file -b out/linux_arm64/server)"
contains "arm v7 ELF" "EABI5" "$(file -b out/linux_arm_v7/server)"
contains "386 ELF" "Intel 80386" "$(file -b out/linux_386/server)"
contains "freebsd ELF" "FreeBSD" "$(file -b out/freebsd_amd64/server)"

# run them: natively, and foreign ones under qemu-user
want="localhost ok, user $(id -u) ok"
contains "amd64 server runs" "server 0.0.0-dev linux/amd64 (unix): $want" "$(out/linux_amd64/server)"
# linux/386: goninja probes whether this kernel runs 32-bit x86 binaries;
# the test checks whichever is true here, and that the probe agrees
row386=$("$GONINJA" doctor 2>/dev/null | grep '^linux/386 ')
if out386=$(run_direct out/linux_386/server 2>&1); then
	runs386=yes
	contains "386 server runs" "linux/386 (unix): $want" "$out386"
	contains "the probe agrees: 386 runs natively" "run: native" "$row386"
else
	runs386=no
	echo "not run here: linux/386 server: $out386"
	contains "the kernel refused the 386 server" "Exec format error" "$out386"
	contains "the probe agrees: 386 cannot run" "run: cannot run here: the kernel refuses 32-bit x86 binaries (exec format error)" "$row386"
fi
contains "arm64 server runs under qemu" "linux/arm64 (unix): $want" "$(qemu-aarch64 out/linux_arm64/server)"
contains "arm v7 server runs under qemu" "linux/arm (unix): $want" "$(qemu-arm out/linux_arm_v7/server)"
contains "arm64 cli runs under qemu" "cli linux/arm64 (unix)" "$(qemu-aarch64 out/linux_arm64/cli)"
contains "worker has its tag and embed" "worker banner v1 tagged" "$(qemu-arm out/linux_arm_v7/worker)"
armv=$(go version -m out/linux_arm_v7/server | grep GOARM= || true)
[ -n "$armv" ] && contains "GOARM=7 recorded" "GOARM=7" "$armv"

# incremental: nothing to do, and go is not started
contains "second ninja does nothing" "no work to do" "$(ninja)"

# file times have a coarse clock: let it tick before an edit
edit() { sleep 0.05; echo "$2" >> "$1"; }
rebuilt() { ninja | grep -o 'GO [^ ]*' | sort | tr '\n' ' '; }
edit internal/greet/family_windows.go '// edit'
same "a windows-only file rebuilds only windows edges" \
	"GO out/windows_amd64/cli.exe GO out/windows_amd64/server.exe " "$(rebuilt)"
sleep 0.05; echo "banner v2" > cmd/worker/banner.txt
same "an embedded file rebuilds its binary everywhere" 8 "$(ninja | grep -c 'GO .*/worker')"
contains "the new banner is in" "worker banner v2" "$(out/linux_amd64/worker)"
edit cmd/worker/tag_off.go '// edit'
contains "a file excluded by tags rebuilds nothing" "no work to do" "$(ninja)"
edit internal/greet/family_other.go '// edit'
same "a unix file rebuilds the unix server and cli edges" 14 "$(ninja | grep -c '^\[.*GO ')"
edit go.mod '// edit'
# go.mod is an input of build.ninja too, and ninja -n stops after saying it
# would regenerate: regenerate first, then count
ninja build.ninja >/dev/null
same "go.mod rebuilds every edge" 24 "$(ninja -n | grep -c 'GO ')"
check "build after go.mod edit" ninja

# one go list per platform and flags (goninja godeps --group): cli and
# server share theirs, worker (its own tags) has one: 16 for 24 cells
w=$p.go
mkdir -p "$w"
printf '#!/bin/sh\necho "$1" >> %s/log\nexec %s "$@"\n' "$w" "$(command -v go)" > "$w/go"
chmod +x "$w/go"
rm -rf out .ninja_log .ninja_deps
sleep 0.2   # what go list reads older than the clock's grain: the listing is kept
PATH=$w:$PATH ninja >/dev/null
same "a full build runs one go list per platform and flags" 16 "$(grep -c '^list$' "$w/log")"
saved() { ls out/.deps/linux_amd64 | grep -c '^golist-[0-9a-f]*$'; }
same "one saved listing for linux/amd64's group" 1 "$(saved)"
# another environment lists again, into the same file
rm out/linux_amd64/cli
PATH=$w:$PATH SOME_OTHER_VAR=1 ninja >/dev/null
same "another environment lists again" 17 "$(grep -c '^list$' "$w/log")"
same "into the same file" 1 "$(saved)"
# each cell's depfile is still its own: a new import in cli rebuilds cli,
# and its new package is cli's input alone
mkdir internal/extra
printf 'package extra\n\nconst X = 1\n' > internal/extra/extra.go
sleep 0.05
printf 'package main\n\nimport _ "example.com/matrix/internal/extra"\n' > cmd/cli/extra.go
out=$(PATH=$w:$PATH ninja)
same "a new import in cli rebuilds cli only" "8 8" \
	"$(echo "$out" | grep -c 'GO ') $(echo "$out" | grep -c 'GO .*/cli')"
edit internal/extra/extra.go '// edit'
out=$(PATH=$w:$PATH ninja)
same "its new package rebuilds cli only" "8 8" \
	"$(echo "$out" | grep -c 'GO ') $(echo "$out" | grep -c 'GO .*/cli')"
rm -r internal/extra cmd/cli/extra.go "$w"
check "build without it" ninja
# a broken cli (an import found nowhere) fails the group's go list:
# server lists alone and builds, cli fails with go's reason
edit internal/greet/greet.go '// edit'
printf 'package main\n\nimport _ "example.com/matrix/internal/nothere"\n' > cmd/cli/broken.go
out=$(ninja -k 0 2>&1); rc=$?
same "a broken cli fails ninja" 1 "$rc"
contains "with go's reason" "example.com/matrix/internal/nothere" "$out"
rm cmd/cli/broken.go
out=$(ninja)
same "then only cli is left to build" "8 8" \
	"$(echo "$out" | grep -c 'GO ') $(echo "$out" | grep -c 'GO .*/cli')"

# regeneration after a rule-file edit
sleep 0.05
sed -i 's|go_binary { name = "cli", main = "./cmd/cli" }|go_binary { name = "cli", main = "./cmd/cli", x = { ["main.unused"] = "v" } }|' goninja.lua
out=$(ninja)
contains "a rule edit regenerates first" "GONINJA build.ninja" "$out"
same "the changed command rebuilds cli only" 8 "$(echo "$out" | grep -c 'GO .*/cli')"
contains "then nothing" "no work to do" "$(ninja)"

# a broken rule file: ninja fails with file:line, build.ninja is kept
cp build.ninja build.ninja.good
cp goninja.lua goninja.lua.good
edit goninja.lua 'go_binary { name = "bad" }'
badline=$(wc -l < goninja.lua)
out=$(ninja 2>&1); rc=$?
same "a broken rule file fails ninja" 1 "$rc"
contains "with file:line:col" "goninja.lua:$badline:1: error: go_binary: field \"main\" is required" "$out"
check "build.ninja untouched" cmp build.ninja build.ninja.good
sleep 0.05
cp goninja.lua.good goninja.lua
out=$(ninja)
contains "fixed: ninja regenerates" "GONINJA build.ninja" "$out"
contains "fixed: then nothing" "no work to do" "$(ninja)"

# ninja test: host tests, 386 where this kernel runs it, arm64 and arm
# under qemu-user
notrun="not run here: linux/386 test: the kernel refuses 32-bit x86 binaries (exec format error)"
out=$(ninja test 2>&1); rc=$?
same "ninja test passes" 0 "$rc"
if [ $runs386 = yes ]; then nrun=4; else nrun=3; fi
same "$nrun test edges ran" $nrun "$(echo "$out" | grep -c 'TEST linux/')"
contains "arm64 tests ran under qemu" "running as linux/arm64 (unix)" "$(cat out/.test/linux_arm64/test.ok)"
contains "arm tests ran under qemu" "running as linux/arm (unix)" "$(cat out/.test/linux_arm_v7/test.ok)"
if [ $runs386 = yes ]; then
	contains "386 tests ran" "running as linux/386 (unix)" "$(cat out/.test/linux_386/test.ok)"
	contains "test again: nothing" "no work to do" "$(ninja test)"
else
	contains "386 tests: not run here, said" "$notrun" "$out"
	contains "test again: only the 386 notice" "$notrun" "$(ninja test)"
fi

# ninja test where the kernel refuses 386 (simulated: the probe answers
# "refused"): the 386 edge says so, passes nothing and fails nothing
GONINJA_PROBE_NO_EXEC=linux/386 "$GONINJA" >/dev/null 2>&1
out=$(ninja test 2>&1); rc=$?
same "refused 386: ninja test passes" 0 "$rc"
contains "refused 386: the edge" "NOT RUN linux/386 test" "$out"
contains "refused 386: said plainly" "$notrun" "$out"
same "refused 386: no go test for it" 0 "$(echo "$out" | grep -c 'TEST linux/386')"
check "refused 386: no stamp (an old one removed)" test ! -e out/.test/linux_386/test.ok
out=$(ninja test 2>&1)
contains "refused 386: said again, never a silent pass" "$notrun" "$out"
same "refused 386: only that edge again" 1 "$(echo "$out" | grep -c 'NOT RUN\|TEST ')"
"$GONINJA" >/dev/null 2>&1

edit internal/greet/greet_test.go '// edit'
same "a test file reruns the tests" $nrun "$(ninja -n test | grep -c 'TEST ')"
same "but rebuilds no binary" 0 "$(ninja -n | grep -c 'GO ')"
check "tests after the edit" ninja test
sed -i 's/running as/now running as/' internal/greet/greet_test.go
sed -i 's/t.Fatalf("Where() = %q", w)/t.Fatalf("Where() = %q", w)\n\t}\n\tif w != "" {\n\t\tt.Fatalf("deliberate failure on %s", w)/' internal/greet/greet_test.go
# -k 0: every test edge runs, however many the link pool lets run at once
out=$(ninja -k 0 test 2>&1); rc=$?
same "a failing test fails ninja test" 1 "$rc"
contains "with go test's output" "deliberate failure on linux/arm64" "$out"

# a binary named like its package directory: no dependency cycle
mkdir -p cli2 && cp cmd/cli/main.go cli2/ && sed -i 's/"cli"/"cli2"/' cli2/main.go
echo 'go_binary { name = "cli2", main = "./cli2", platforms = { "linux/amd64" } }' >> goninja.lua
check "a binary named like its directory builds" ninja
out=$(ninja 2>&1)
contains "and then has nothing to do (no cycle)" "no work to do" "$out"

# dev builds plain go build for the host
check "ninja dev" ninja dev
contains "dev server runs" "server 0.0.0-dev linux/amd64" "$(out/dev/server 2>&1 || true)"

# outputs are byte-identical from another checkout path (-trimpath)
q=$(project_copy matrix)
(cd "$q" && "$GONINJA" && ninja linux_arm64) >/dev/null 2>&1
check "same bytes from another directory" cmp out/linux_arm64/server "$q/out/linux_arm64/server"
rm -rf "$q"

cd / && rm -rf "$p"
summary
