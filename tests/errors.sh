#!/bin/sh
# Bad rule files: tests/errors/NAME.lua must exit 1 with exactly the
# message in NAME.err, and leave an existing build.ninja as it was;
# NAME.args holds goninja options when present.
# tests/errors.sh [NAME...] runs those cases only; UPDATE=1 rewrites each
# NAME.err that exits 1 with what goninja now says.
. "$(dirname "$0")/lib.sh"

fakego=$TOP/tests/fakego
names=$(cases "$TOP/tests/errors" lua "$@") || exit 2
for name in $names; do
	lua=$TOP/tests/errors/$name.lua
	work=$(mktemp -d)
	cp "$lua" "$work/goninja.lua"
	[ -d "$TOP/tests/errors/$name.d" ] && cp -R "$TOP/tests/errors/$name.d/." "$work/"
	printf 'sentinel: the previous build.ninja\n' >"$work/build.ninja"
	args=$(cat "$TOP/tests/errors/$name.args" 2>/dev/null)
	# shellcheck disable=SC2086
	(cd "$work" && PATH="$fakego:$PATH" "$GONINJA" $args) 2>"$work/stderr" >/dev/null
	rc=$?
	if [ "$rc" = 0 ]; then
		bad "$name: expected an error, got none"
		rm -rf "$work"
		continue
	fi
	[ "${UPDATE:-}" = 1 ] && [ "$rc" = 1 ] && cp "$work/stderr" "$TOP/tests/errors/$name.err"
	same "$name: exit status" 1 "$rc"
	same "$name: message" "$(cat "$TOP/tests/errors/$name.err")" "$(cat "$work/stderr")"
	same "$name: build.ninja untouched" "sentinel: the previous build.ninja" "$(cat "$work/build.ninja")"
	rm -rf "$work"
done
summary
