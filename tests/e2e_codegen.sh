#!/bin/sh
# End to end on examples/codegen: Debian's protoc and protoc-gen-go,
# stringer, a file //go:embed reads and a C library per platform (linked
# by the cgo cells of linux/amd64 and linux/arm64), each an action, two of
# them through the project's rule library. From a clean copy goninja &&
# ninja builds and runs; a second ninja does nothing; each edit rebuilds
# exactly what depends on it (the outputs .ninja_log gains, listed); a
# mistake in a macro names the library line and the calling line.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
missing=
for t in protoc protoc-gen-go stringer aarch64-linux-gnu-gcc aarch64-linux-gnu-ar qemu-aarch64; do
	command -v "$t" >/dev/null || missing="$missing $t"
done
if [ -n "$missing" ]; then
	echo "not run here: no$missing (scripts/install-deps installs them)"
	summary
	exit
fi
p=$(project_copy codegen)
cd "$p" || exit 1
rm -f api/greet.pb.go color/color_string.go web/banner.txt

out=$("$GONINJA" 2>&1); rc=$?
same "goninja" 0 "$rc"
[ "$rc" = 0 ] || echo "$out" >&2
build=$(nice ninja 2>&1); rc=$?
same "ninja: every action, cell and check" 0 "$rc"
[ "$rc" = 0 ] || echo "$build" | tail -20 >&2
contains "protoc ran" "ACTION PROTOC api/greet.pb.go" "$build"
contains "the C library for arm64, by its cross compiler" "ACTION CC out/clib/linux_arm64/libadd.a" "$build"
contains "aarch64-linux-gnu-gcc: build.ninja names it" "aarch64-linux-gnu-gcc -c" "$(cat build.ninja)"
same "the arm64 library holds arm64 code" "AArch64" \
	"$(readelf -h out/clib/linux_arm64/libadd.a 2>/dev/null | sed -n 's/.*Machine: *//p' | head -1)"

want="proto 10 bytes
color Green
banner HELLO FROM AN ACTION
add 5"
same "linux/amd64 app runs" "$want" "$(timeout -s KILL 60 out/linux_amd64/app 2>&1)"
same "linux/arm64 app runs (qemu-aarch64)" "$want" \
	"$(timeout -s KILL 60 qemu-aarch64 out/linux_arm64/app 2>&1)"
contains "linux/amd64 hello runs" 'name:"gopher"' "$(timeout -s KILL 60 out/linux_amd64/hello 2>&1)"

# go list saw the generated files: they are in the cell's recorded deps
deps=$(ninja -t deps out/linux_arm64/app 2>&1)
for f in api/greet.pb.go color/color_string.go web/banner.txt; do
	same "the arm64 cell's depfile names $f" "    $f" "$(printf '%s\n' "$deps" | grep -x "    $f")"
done

same "a second ninja does nothing" "ninja: no work to do." "$(ninja 2>&1)"

# what one ninja run made: the outputs .ninja_log gained, sorted, without
# the package listings (restat bookkeeping: a listing that did not
# change rebuilds nothing)
rebuilt() {
	n=$(wc -l <.ninja_log)
	log=$(nice ninja 2>&1) || echo "$log" | tail -20 >&2
	tail -n +"$((n + 1))" .ninja_log | cut -f4 | grep -v '^out/\.deps/' | sort -u | tr '\n' ' '
}
apps="out/.verify/linux_amd64/app out/.verify/linux_arm64/app out/linux_amd64/app out/linux_arm64/app"
hellos="out/.verify/linux_amd64/hello out/.verify/linux_arm64/hello out/linux_amd64/hello out/linux_arm64/hello"

sed -i 's/int32 times = 2;/int32 times = 2;\n  string note = 3;/' proto/greet.proto
got=$(rebuilt)
echo "edit proto/greet.proto: $got"
same "the .proto: protoc, then every binary importing api" \
	"api/greet.pb.go $(echo "$apps $hellos" | tr ' ' '\n' | sort | tr '\n' ' ')" "$got"

sed -i 's/^\tBlue$/\tBlue\n\tYellow/' color/color.go
got=$(rebuilt)
echo "edit color/color.go: $got"
same "the stringer type: stringer, then app only" "color/color_string.go $apps " "$got"
contains "the new constant has its String" "Yellow" "$(cat color/color_string.go)"

echo "goodbye from an action" >assets/banner.txt
got=$(rebuilt)
echo "edit assets/banner.txt: $got"
same "the embedded file's source: the action, then app only" "$apps web/banner.txt " "$got"
contains "the binary embeds the new text" "banner GOODBYE FROM AN ACTION" \
	"$(timeout -s KILL 60 out/linux_amd64/app 2>&1)"

sed -i 's/return a + b;/return a + b + 100;/' csrc/add.c
got=$(rebuilt)
echo "edit csrc/add.c: $got"
same "the C source: both platforms' libraries, then app only" \
	"out/.verify/linux_amd64/app out/.verify/linux_arm64/app out/clib/linux_amd64/libadd.a out/clib/linux_arm64/libadd.a out/linux_amd64/app out/linux_arm64/app " "$got"
same "arm64 links its own new library" "add 105" \
	"$(timeout -s KILL 60 qemu-aarch64 out/linux_arm64/app 2>&1 | tail -1)"
same "then nothing again" "ninja: no work to do." "$(ninja 2>&1)"

# a macro used wrongly: the library line and the calling line
echo 'rules.stringer { name = "bad", dir = "color", src = "color.go" }' >>goninja.lua
call=$(grep -n 'name = "bad"' goninja.lua | cut -d: -f1)
lib=$(grep -n 'spec.type:lower()' tools/rules.lua | cut -d: -f1)
err=$("$GONINJA" 2>&1); rc=$?
same "a macro mistake fails" 1 "$rc"
contains "it names the macro line" "tools/rules.lua:$lib:" "$err"
contains "and the rule-file line that called it" "goninja.lua:$call:1: note: called from here" "$err"
echo "$err"
cd / && rm -rf "$p"
summary
