# lib.sh: shared by the shell tests. Counts checks; prints failures.
# shellcheck shell=sh

TOP=$(cd "$(dirname "$0")/.." && pwd)
GONINJA=$TOP/goninja
: "${GOCACHE:=$TOP/build/gocache}"
export GOCACHE GOPROXY=off GOFLAGS=-mod=mod GOTOOLCHAIN=local
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*" >&2; }

# check DESCRIPTION COMMAND...: the command must succeed
check() {
	d=$1; shift
	if _out=$("$@" 2>&1); then ok; else
		bad "$d"
		printf '%s\n' "$_out" | tail -n 15 | sed 's/^/  | /' >&2
	fi
}

# same DESCRIPTION WANT GOT
same() {
	if [ "$2" = "$3" ]; then ok; else bad "$1: want [$2], got [$3]"; fi
}

# contains DESCRIPTION NEEDLE HAYSTACK
contains() {
	case $3 in *"$2"*) ok ;; *) bad "$1: [$2] not in [$3]" ;; esac
}

# a fresh copy of an example project in a temporary directory
project_copy() {
	d=$(mktemp -d "${TMPDIR:-/tmp}/goninja-test.XXXXXX")
	cp -R "$TOP/examples/$1/." "$d/"
	rm -rf "$d/out" "$d/build.ninja" "$d/.ninja_log" "$d/.ninja_deps"
	echo "$d"
}

# run a binary with execve itself, no shell fallback for "exec format
# error" (sh, env and timeout would run it as a script); killed after 60 s
run_direct() {
	timeout -s KILL 60 python3 -c 'import os, sys
try:
    os.execv(sys.argv[1], sys.argv[1:])
except OSError as e:
    sys.exit("%s: %s" % (sys.argv[1], e.strerror))' "$@"
}

# ELF static: no PT_INTERP and no dynamic section
elf_static() {
	! readelf -lW "$1" 2>/dev/null | grep -q 'INTERP' &&
	readelf -dW "$1" 2>&1 | grep -q 'no dynamic section'
}

# goninja check agrees with readelf and file(1) on every file given
agrees() {
	if out=$(GONINJA=$GONINJA python3 "$TOP/tests/agree.py" "$@" 2>&1); then ok
	else bad "goninja check disagrees with readelf/file: $out"; fi
}

summary() {
	printf '%s: %d passed, %d failed\n' "$(basename "$0")" "$passed" "$failed"
	[ "$failed" -eq 0 ]
}

# cases DIR EXT [NAME...]: the case names to run, one a line: the NAMEs
# given (each must have DIR/NAME.EXT, or DIR/NAME/ when EXT is "/"), else
# every case in DIR. Fails on a NAME with no case:
#   names=$(cases DIR EXT "$@") || exit 2
cases() {
	d=$1 ext=$2
	shift 2
	if [ $# -eq 0 ]; then
		if [ "$ext" = / ]; then set -- "$d"/*/; else set -- "$d"/*."$ext"; fi
		for f in "$@"; do
			[ -e "$f" ] && basename "$f" ".$ext"
		done
		return
	fi
	for n in "$@"; do
		if [ "$ext" = / ] && [ -d "$d/$n" ] || [ -f "$d/$n.$ext" ]; then
			echo "$n"
		else
			echo "no case $n in $d" >&2
			return 2
		fi
	done
}
