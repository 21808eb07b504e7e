#!/bin/sh
# goninja under the sanitizers and valgrind, away from the normal build:
# the source tree is copied twice to a temporary directory (the Makefile
# writes build/ and ./goninja), once built with clang's AddressSanitizer
# and UndefinedBehaviorSanitizer, once plainly for valgrind.
#  - ASan+UBSan: the unit tests, then golden.sh, errors.sh, cli.sh and
#    hostile.sh run from the copy, so $GONINJA is the sanitized binary;
#    any report fails a check (a message differs, or a status). Under
#    make test, one hostile case in four and 4 kills; FULL=1: all of them.
#  - valgrind memcheck (--leak-check=full, definite and indirect leaks are
#    errors, --error-exitcode=99): goninja
#    generating each example and each golden case, with the fake go.
# The last line is "sanitize.sh: N passed, N failed". KEEP=1 keeps the copy.
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/goninja-sanitize.XXXXXX")
asan=$tmp/asan plain=$tmp/plain
jobs=$(nproc 2>/dev/null || echo 2)

# copy the work tree without its build products
copy() {
	mkdir -p "$1"
	tar -C "$TOP" --exclude=./build --exclude=./.git --exclude=./goninja \
		--exclude='./examples/*/out' -cf - . | tar -C "$1" -xf -
}

# the summary line of a sub-suite, added to ours
tally() {
	line=$(grep -E ': [0-9]+ passed, [0-9]+ failed$' "$1" | tail -1)
	if [ -z "$line" ]; then
		bad "$2: no summary (it crashed)"
		tail -20 "$1" >&2
		return
	fi
	p=${line##*: } p=${p%% passed*}
	f=${line##*passed, } f=${f%% failed*}
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" = 0 ] || grep -E '^FAIL|ERROR: |runtime error' "$1" | head -20 >&2
	echo "$line"
}

copy "$asan"
copy "$plain"
SAN='-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer'
export ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86
(cd "$asan" && make -j"$jobs" CC=clang CFLAGS="-O1 -g $SAN" goninja) \
	>"$tmp/asan-build.log" 2>&1 &
(cd "$plain" && make -j"$jobs" CFLAGS="-O1 -g" goninja) >"$tmp/plain-build.log" 2>&1 &
wait
check "ASan+UBSan build (clang)" test -x "$asan/goninja"
check "plain build for valgrind" test -x "$plain/goninja"
[ -x "$asan/goninja" ] || tail -20 "$tmp/asan-build.log" >&2
[ -x "$plain/goninja" ] || tail -20 "$tmp/plain-build.log" >&2

if [ -x "$asan/goninja" ]; then
	# make unit: the Makefile's own list of cmocka tests, built and run
	if (cd "$asan" && make -j"$jobs" CC=clang CFLAGS="-O1 -g $SAN" unit) \
		>"$tmp/unit.log" 2>&1; then ok; else
		bad "unit tests under ASan+UBSan"
		grep -E 'FAILED|ERROR|runtime error|^make' "$tmp/unit.log" | head -20 >&2
	fi
	grep -c '^== ' "$tmp/unit.log" | sed 's/^/unit test programs run: /'
	# make test: a fixed quarter of the hostile cases and 4 kills (the
	# plain hostile.sh runs every one); make test-full (FULL=1): all
	if [ "${FULL:-}" = 1 ]; then sample=1 kills=40; else sample=4 kills=4; fi
	for s in golden errors cli hostile; do
		(cd "$asan" && HOSTILE_SAMPLE=$sample KILLS=$kills sh "tests/$s.sh") \
			>"$tmp/$s.log" 2>&1
		tally "$tmp/$s.log" "$s.sh under ASan+UBSan"
	done
fi

# valgrind DIR [ARGS...]: generate in a copy of DIR, with the fake go
vg() {
	dir=$1; shift
	work=$(mktemp -d "$tmp/vg.XXXXXX")
	cp -R "$dir/." "$work/"
	rm -rf "$work/out" "$work/build.ninja" "$work/.ninja_log" "$work/.ninja_deps"
	(cd "$work" && PATH="$TOP/tests/fakego:$PATH" \
		FAKEGO_VERSION=$(cat version 2>/dev/null || echo go1.19.8) \
		valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 --child-silent-after-fork=yes \
		"$plain/goninja" "$@") >"$work.log" 2>&1
	rc=$?
	if [ "$rc" = 0 ] && [ -s "$work/build.ninja" ]; then ok; else
		bad "valgrind: goninja in $dir: exit $rc"
		grep -v '^goninja' "$work.log" | head -30 >&2
	fi
}

if ! command -v valgrind >/dev/null; then
	bad "valgrind is not installed (apt-get install valgrind)"
elif [ -x "$plain/goninja" ]; then
	for d in "$TOP"/examples/*/; do vg "$d"; done
	for d in "$TOP"/tests/golden/*/; do
		# shellcheck disable=SC2046
		vg "$d" $(cat "$d/args" 2>/dev/null)
	done
	# an error path too: a bad rule file exits 1, and leaks nothing it lost
	work=$(mktemp -d "$tmp/vg.XXXXXX")
	cp "$TOP/tests/errors/typo_field.lua" "$work/goninja.lua"
	(cd "$work" && PATH="$TOP/tests/fakego:$PATH" valgrind -q --leak-check=full \
		--show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$plain/goninja") >"$work.log" 2>&1
	same "valgrind: an error exits 1, cleanly" 1 "$?"
fi

if [ "${KEEP:-}" = 1 ]; then echo "sanitize.sh: kept $tmp"; else rm -rf "$tmp"; fi
summary
