#!/bin/sh
# Golden build.ninja files: tests/golden/NAME/goninja.lua must generate
# tests/golden/NAME/build.ninja.want, byte for byte, twice. Machine paths
# are replaced by @GONINJA@, @GO@ and @TMP@. tests/golden.sh [NAME...]
# runs those cases only; UPDATE=1 rewrites the wants.
# PATH holds the fake go (and a qemu-arm that is never run) only: "not
# found" warnings do not depend on what this machine has installed. The
# 386 probe answers "refused" on every machine (GONINJA_PROBE_NO_EXEC).
# The link pool is planned for 8 cores and tests/fakego/meminfo's 6 GiB,
# not this machine's (GONINJA_NPROC, GONINJA_MEMINFO).
. "$(dirname "$0")/lib.sh"

fakego=$TOP/tests/fakego
GONINJA_PROBE_NO_EXEC=linux/386
GONINJA_NPROC=8
GONINJA_MEMINFO=$fakego/meminfo
export GONINJA_PROBE_NO_EXEC GONINJA_NPROC GONINJA_MEMINFO
names=$(cases "$TOP/tests/golden" / "$@") || exit 2
for name in $names; do
	dir=$TOP/tests/golden/$name/
	work=$(mktemp -d)
	cp -R "$dir." "$work/"
	rm -f "$work/build.ninja.want"
	(cd "$work" && FAKEGO_VERSION=$(cat version 2>/dev/null || echo go1.19.8) PATH="$fakego" "$GONINJA" $(cat args 2>/dev/null)) 2>"$work/stderr"
	rc=$?
	first=$(cat "$work/build.ninja" 2>/dev/null)
	(cd "$work" && FAKEGO_VERSION=$(cat version 2>/dev/null || echo go1.19.8) PATH="$fakego" "$GONINJA" $(cat args 2>/dev/null)) 2>/dev/null
	same "$name: exit status" 0 "$rc"
	same "$name: identical on a second run" "$first" "$(cat "$work/build.ninja" 2>/dev/null)"
	sed -e "s|$GONINJA|@GONINJA@|g" -e "s|$(realpath "$fakego/go")|@GO@|g" \
	    -e "s|$work|@TMP@|g" "$work/build.ninja" >"$work/got" 2>/dev/null
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$work/got" "$dir/build.ninja.want"
		if [ -s "$work/stderr" ]; then cp "$work/stderr" "$dir/stderr.want"
		else rm -f "$dir/stderr.want"; fi
	fi
	want_err=$(cat "$dir/stderr.want" 2>/dev/null)
	same "$name: warnings" "$want_err" "$(cat "$work/stderr")"
	if cmp -s "$work/got" "$dir/build.ninja.want"; then ok; else
		bad "$name: build.ninja differs from build.ninja.want:"
		diff -u "$dir/build.ninja.want" "$work/got" | head -40 >&2
	fi
	rm -rf "$work"
done
summary
