#!/bin/sh
# goninja archive and goninja lipo end to end: the same bytes from the same
# arguments in two directories; GNU tar, gzip, python3's zipfile, file(1) and
# goninja check reading what they wrote; errors leaving no output. lipo
# joins two darwin programs built by the Go in GOROOT_BIN (default: go on
# PATH).
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
export TZ=UTC
unset SOURCE_DATE_EPOCH
t=1700000000
when="2023-11-14 22:13"

# the same files in a new directory, with mtime $1 (which must not matter)
files() {
	d=$(mktemp -d "${TMPDIR:-/tmp}/goninja-archive.XXXXXX")
	mkdir -p "$d/out/linux_amd64"
	printf 'binary\n' >"$d/out/linux_amd64/server"
	chmod 0750 "$d/out/linux_amd64/server"
	printf '# readme\n' >"$d/README.md"
	chmod 0664 "$d/README.md"
	touch -d "@$1" "$d/out/linux_amd64/server" "$d/README.md"
	echo "$d"
}

a=$(files 1000000)
b=$(files 2000000)
for d in "$a" "$b"; do
	(cd "$d" && "$GONINJA" archive -o server.tar.gz --mtime $t --prefix server-1.0/ \
		out/linux_amd64/server=server README.md &&
	"$GONINJA" archive -o server.zip --mtime $t out/linux_amd64/server=server README.md)
done

# tar.gz
check "tar.gz written" test -f "$a/server.tar.gz"
check "tar.gz: same bytes from another directory" cmp "$a/server.tar.gz" "$b/server.tar.gz"
check "gzip -t accepts the tar.gz" gzip -t "$a/server.tar.gz"
list=$(tar -tzvf "$a/server.tar.gz" | tr -s ' ')
same "tar -tv lists names, modes, owner 0/0 and the mtime" \
"-rwxr-xr-x 0/0 7 $when server-1.0/server
-rw-r--r-- 0/0 9 $when server-1.0/README.md" "$list"
x=$(mktemp -d "${TMPDIR:-/tmp}/goninja-archive.XXXXXX")
check "tar extracts" tar -xzf "$a/server.tar.gz" -C "$x"
check "tar: same content" cmp "$a/out/linux_amd64/server" "$x/server-1.0/server"
same "tar: mode 0755 extracted" 755 "$(stat -c %a "$x/server-1.0/server")"
same "gzip header: no name, mtime 0, OS 255" "1f8b08000000000002ff" \
	"$(head -c 10 "$a/server.tar.gz" | od -An -tx1 | tr -d ' \n')"

# zip
check "zip: same bytes from another directory" cmp "$a/server.zip" "$b/server.zip"
check "python3 -m zipfile -t accepts the zip" python3 -m zipfile -t "$a/server.zip"
contains "python3 -m zipfile -l lists it" "server                                         2023-11-14 22:13:20            7" \
	"$(python3 -m zipfile -l "$a/server.zip")"
modes=$(python3 -c 'import sys, zipfile
for i in zipfile.ZipFile(sys.argv[1]).infolist(): print(i.filename, oct(i.external_attr >> 16), i.create_system)' \
	"$a/server.zip")
same "zip: unix modes, made by UNIX" "server 0o100755 3
README.md 0o100644 3" "$modes"

# SOURCE_DATE_EPOCH is the default mtime
(cd "$a" && SOURCE_DATE_EPOCH=$t "$GONINJA" archive -o env.tar.gz --prefix server-1.0 \
	out/linux_amd64/server=server README.md)
check "SOURCE_DATE_EPOCH stands for --mtime" cmp "$a/server.tar.gz" "$a/env.tar.gz"

# errors
out=$(cd "$a" && "$GONINJA" archive -o bad.zip README.md nope 2>&1); rc=$?
same "missing input: status" 1 "$rc"
same "missing input: message" "goninja: archive: nope: No such file or directory" "$out"
check "missing input: no output" test ! -e "$a/bad.zip"
same "missing input: no temporary file" "" "$(cd "$a" && ls -d ./*.goninja-* 2>/dev/null)"
out=$("$GONINJA" archive -o "$a/no/dir/x.tar.gz" "$a/README.md" 2>&1); rc=$?
same "unwritable output: status" 1 "$rc"
contains "unwritable output: message" "goninja: archive: $a/no/dir/x.tar.gz: No such file or directory" "$out"
out=$("$GONINJA" archive -o x.rar "$a/README.md" 2>&1); rc=$?
same "bad suffix: status" 2 "$rc"
contains "bad suffix: message" "goninja: archive: -o must end in .tar.gz, .tgz, .tar or .zip" "$out"
out=$("$GONINJA" archive -o x.zip "$a/README.md" "$b/README.md" 2>&1); rc=$?
same "one name twice: status" 1 "$rc"
contains "one name twice: message" '"README.md" is already in the archive' "$out"
contains "archive --help" "usage: goninja archive -o" "$("$GONINJA" archive --help)"

# lipo: two thin darwin programs, one universal binary
g=$(mktemp -d "${TMPDIR:-/tmp}/goninja-archive.XXXXXX")
printf 'module hello\n\ngo 1.19\n' >"$g/go.mod"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' >"$g/main.go"
for arch in amd64 arm64; do
	check "go builds darwin/$arch" sh -c "cd '$g' && GOOS=darwin GOARCH=$arch CGO_ENABLED=0 go build -o hello_$arch ."
done
cd "$g" || exit 1
check "lipo amd64 arm64" "$GONINJA" lipo -o ab hello_amd64 hello_arm64
check "lipo arm64 amd64" "$GONINJA" lipo -o ba hello_arm64 hello_amd64
check "lipo: argument order does not matter" cmp ab ba
same "lipo: mode 0755" 755 "$(stat -c %a ab)"
contains "file: universal" "Mach-O universal binary with 2 architectures" "$(file -b ab)"
out=$("$GONINJA" check ab)
contains "check: both slices" "Mach-O fat (2 slices): Mach-O 64-bit amd64 darwin" "$out"
contains "check: arm64 slice" "Mach-O 64-bit arm64 darwin" "$out"
contains "check: libSystem" "needs /usr/lib/libSystem.B.dylib" "$out"

out=$("$GONINJA" lipo -o bad ab hello_arm64 2>&1); rc=$?
same "fat input: status" 1 "$rc"
same "fat input: message" "goninja: lipo: ab: a universal (fat) file or Java class, not a thin Mach-O" "$out"
out=$("$GONINJA" lipo -o bad hello_amd64 main.go 2>&1); rc=$?
same "not Mach-O: status" 1 "$rc"
same "not Mach-O: message" "goninja: lipo: main.go: not a Mach-O file" "$out"
cp hello_arm64 other_arm64
out=$("$GONINJA" lipo -o bad hello_arm64 other_arm64 2>&1); rc=$?
same "one cputype twice: status" 1 "$rc"
same "one cputype twice: message" \
	"goninja: lipo: hello_arm64 and other_arm64 are both for arm64 (CPU type 0x0100000c)" "$out"
check "refused: no output" test ! -e bad
same "refused: no temporary file" "" "$(ls -d ./*.goninja-* 2>/dev/null)"
out=$("$GONINJA" lipo hello_arm64 2>&1); rc=$?
same "no -o: status" 2 "$rc"

cd / && rm -rf "$a" "$b" "$x" "$g"
summary
