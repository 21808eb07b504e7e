#!/bin/sh
# Hostile rule files. tests/hostile/NAME.lua (with NAME.d/ copied beside it
# when present, and the goninja options in NAME.args when present) expects
# one of:
#   NAME.err  goninja exits 1 with exactly this on stderr, and leaves an
#             existing build.ninja byte for byte as it was, and no new file;
#   NAME.ok   goninja writes build.ninja; ninja then builds every go edge
#             with a fake go (tests/hostile/fakego) and nothing injected
#             runs: no file named *PWNED* appears, here or in /tmp. NAME.ok
#             holds assertions, each true of every go build and go list:
#               arg WORD        an argument is WORD
#               ldflag WORD     -ldflags, split as Go splits it, holds WORD
#               gcflag WORD     the same for -gcflags
#               env NAME=VALUE  the environment holds NAME=VALUE
#             and, once: built PATH  the build made PATH
#             "cells " before a line: only the calls of platform cells, not dev
#             a line "no go edge": build.ninja has none, nothing to build
# Then: kill -9 during a large write never leaves a partial build.ninja,
# and a rule file dated in the future makes ninja stop, not loop forever.
# HOSTILE_SAMPLE=N runs every Nth case only, in name order: the same ones
# every time (sanitize.sh under make test). KILLS=N: kills (default 40).
# Set HOSTILE_DIR to run another directory of cases (tests/hostile/pending);
# tests/hostile.sh [NAME...] runs those cases only (and not the two
# checks after them); UPDATE=1 rewrites each NAME.err that exits 1 with
# what goninja now says.
. "$(dirname "$0")/lib.sh"

fakego=$TOP/tests/hostile/fakego
dir=${HOSTILE_DIR:-$TOP/tests/hostile}
canary=/tmp/goninja-hostile-PWNED
old='# the previous build.ninja: goninja must leave these bytes alone.
build keep$ me: phony
'

# gosplit VALUE: the words Go makes of a flag value (cmd/internal/quoted)
gosplit() {
	s=$1
	while :; do
		s=${s#"${s%%[! 	]*}"}
		[ -z "$s" ] && return 0
		case $s in
		\'*) s=${s#?}; w=${s%%\'*}; [ "$w" = "$s" ] && return 1; s=${s#*\'} ;;
		\"*) s=${s#?}; w=${s%%\"*}; [ "$w" = "$s" ] && return 1; s=${s#*\"} ;;
		*) w=${s%%[ 	]*}; s=${s#"$w"} ;;
		esac
		printf '%s\n' "$w"
	done
}

# words CALL KIND: what KIND looks at in one recorded call, a line each
words() {
	case $2 in
	arg) tr '\0' '\n' <"$1" ;;
	env) tr '\0' '\n' <"$1.env" ;;
	ldflag | gcflag)
		tr '\0' '\n' <"$1" | sed -n "s/^-$2s=//p" | while IFS= read -r v; do
			gosplit "$v" || echo "(unterminated quote)"
		done ;;
	esac
}

# assertions NAME LOGDIR WORK: every line of NAME.ok against every build and list
assertions() {
	calls=
	for call in "$2"/call.??????; do
		case $(head -zn1 "$call" 2>/dev/null | tr -d '\0') in
		build | list) calls="$calls $call" ;;
		esac
	done
	if [ -z "$calls" ]; then bad "$1: go build never ran"; return; fi
	while IFS= read -r line; do
		case $line in '' | '#'* | 'no go edge') continue ;; esac
		only=
		case $line in cells\ *) only=GOOS= line=${line#cells } ;; esac
		kind=${line%% *} want=${line#* }
		if [ "$kind" = built ]; then
			if [ -f "$3/$want" ]; then ok; else bad "$1: $want was not built"; fi
			continue
		fi
		for call in $calls; do
			[ -n "$only" ] && ! tr '\0' '\n' <"$call.env" | grep -q "^$only" && continue
			if words "$call" "$kind" | grep -qxF -e "$want"; then ok; else
				bad "$1: $(head -zn1 "$call" | tr -d '\0') has no $kind [$want]: got" \
				    "$(words "$call" "$kind" | tr '\n' ' ' | cut -c1-300)"
			fi
		done
	done <"$dir/$1.ok"
}

pwned() {
	[ -e "$canary" ] || [ -n "$(find "$1" -name '*PWNED*' 2>/dev/null)" ]
}

# one case in a fresh directory holding the rule file and NAME.d
run_case() {
	name=$1 work=$(mktemp -d)
	cp "$dir/$name.lua" "$work/goninja.lua"
	[ -d "$dir/$name.d" ] && cp -R "$dir/$name.d/." "$work/"
	printf '%s' "$old" >"$work/build.ninja"
	before=$(cd "$work" && find . | sort)
	rm -f "$canary"
	args=$(cat "$dir/$name.args" 2>/dev/null)
	# shellcheck disable=SC2086
	(cd "$work" && PATH="$fakego:$PATH" timeout 60 "$GONINJA" $args) >/dev/null 2>"$work.stderr"
	rc=$?
	if [ -f "$dir/$name.err" ] && [ "$rc" = 0 ]; then
		bad "$name: expected an error, got none"
	elif [ -f "$dir/$name.err" ]; then
		[ "${UPDATE:-}" = 1 ] && [ "$rc" = 1 ] && cp "$work.stderr" "$dir/$name.err"
		same "$name: exit status" 1 "$rc"
		same "$name: message" "$(cat "$dir/$name.err")" "$(cat "$work.stderr")"
		if printf '%s' "$old" | cmp -s - "$work/build.ninja"; then ok; else
			bad "$name: build.ninja changed"
		fi
		same "$name: no file written" "$before" "$(cd "$work" && find . | sort)"
	else
		same "$name: exit status" 0 "$rc"
		if grep -qx 'no go edge' "$dir/$name.ok"; then
			same "$name: no go edge" "" "$(go_edges "$work")"
		elif [ "$rc" = 0 ]; then
			build_case "$name" "$work"
		fi
	fi
	if pwned "$work"; then bad "$name: injected text ran"; else ok; fi
	rm -rf "$work" "$work.stderr" "$canary"
}

# go_edges DIR: the outputs of the go edges (rules go_N) of DIR/build.ninja
go_edges() {
	t=$(cd "$1" && ninja -t targets all 2>&1) || { echo "ninja -t targets: $t"; return; }
	printf '%s\n' "$t" | sed -n 's/: go_[0-9]*$//p'
}

# NAME.ok: build every go edge with the fake go, twice
build_case() {
	log=$2/.log
	mkdir "$log"
	targets=$(go_edges "$2")
	if [ -z "$targets" ]; then bad "$1: no go edge in build.ninja"; return; fi
	# shellcheck disable=SC2086
	(cd "$2" && HOSTILE_LOG=$log PATH="$fakego:$PATH" timeout 60 ninja -k 0 $targets) \
		>"$2.ninja" 2>&1
	rc=$?
	same "$1: ninja exit status" 0 "$rc"
	[ "$rc" = 0 ] || sed 's/^/  /' "$2.ninja" >&2
	assertions "$1" "$log" "$2"
	# shellcheck disable=SC2086
	again=$(cd "$2" && PATH="$fakego:$PATH" timeout 60 ninja $targets 2>&1)
	same "$1: second ninja" "ninja: no work to do." "$again"
	rm -f "$2.ninja"
}

names=$(cases "$dir" lua "$@") || exit 2
i=0
for name in $names; do
	i=$((i + 1))
	[ $(((i - 1) % ${HOSTILE_SAMPLE:-1})) = 0 ] || continue
	if [ -f "$dir/$name.err" ] || [ -f "$dir/$name.ok" ]; then
		run_case "$name"
	else
		bad "$name: neither $name.err nor $name.ok"
	fi
done

[ -n "${HOSTILE_DIR:-}" ] || [ $# -gt 0 ] && { summary; exit; }

# kill -9 at random moments of a large generation: build.ninja is always
# the previous complete file or the new one, never a part
killed() {
	work=$(mktemp -d)
	{
		echo 'platforms { "linux/amd64", "linux/arm64", "linux/386", "windows/amd64",'
		echo '  "freebsd/amd64", "darwin/arm64", "linux/riscv64", "linux/ppc64le" }'
		i=0
		while [ $i -lt 3000 ]; do
			mkdir -p "$work/cmd/b$i" && : >"$work/cmd/b$i/main.go"
			echo "go_binary { name = \"b$i\", main = \"./cmd/b$i\","
			echo "  ldflags = { \"-X=main.v=\" .. var(\"version\", \"x\") } }"
			i=$((i + 1))
		done
	} >"$work/goninja.lua"
	gen() { (cd "$work" && PATH="$fakego:$PATH" "$GONINJA" -D "version=$1") >/dev/null 2>&1; }
	gen old && cp "$work/build.ninja" "$work.old"
	gen new && cp "$work/build.ninja" "$work.new"
	if cmp -s "$work.old" "$work.new" || [ ! -s "$work.new" ]; then
		bad "kill -9: the two generations should differ"
	fi
	start=$(date +%s%N)
	gen new
	ms=$((($(date +%s%N) - start) / 1000000))
	if cmp -s "$work/build.ninja" "$work.new"; then ok; else
		bad "kill -9: two generations of one rule file differ"
	fi
	n=0 whole=0 partial=0 midwrite=0
	while [ $n -lt "${KILLS:-40}" ]; do
		cp "$work.old" "$work/build.ninja"
		(cd "$work" && PATH="$fakego:$PATH" exec "$GONINJA" -D version=new) >/dev/null 2>&1 &
		pid=$!
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		sleep "$(awk -v r="$r" -v ms="$ms" 'BEGIN { printf "%.3f", r % (ms + 20) / 1000 }')"
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		for t in "$work"/build.ninja.goninja-*; do
			[ -e "$t" ] && midwrite=$((midwrite + 1))
		done
		rm -f "$work"/build.ninja.goninja-*
		if cmp -s "$work/build.ninja" "$work.old" || cmp -s "$work/build.ninja" "$work.new"; then
			whole=$((whole + 1))
		else
			partial=$((partial + 1))
		fi
		n=$((n + 1))
	done
	echo "kill -9: $n kills in a $ms ms generation, $midwrite of them while" \
	     "writing the temporary file"
	same "kill -9 during generation: partial build.ninja files" 0 "$partial"
	rm -rf "$work" "$work.old" "$work.new"
}

# a rule file dated an hour ahead: every ninja reruns goninja, which writes
# the same bytes; ninja gives up after 100 tries with an error; it must
# terminate, and build.ninja must stay the generated file
future() {
	work=$(mktemp -d)
	printf 'platforms { "linux/amd64" }\ngo_binary { name = "a", main = "./cmd/a" }\n' \
		>"$work/goninja.lua"
	mkdir -p "$work/cmd/a" && : >"$work/cmd/a/main.go"
	(cd "$work" && PATH="$fakego:$PATH" "$GONINJA") >/dev/null 2>&1
	cp "$work/build.ninja" "$work.want"
	touch -d '+1 hour' "$work/goninja.lua"
	out=$(cd "$work" && PATH="$fakego:$PATH" timeout 60 ninja a 2>&1)
	rc=$?
	if [ "$rc" = 124 ]; then bad "future-dated rule file: ninja did not terminate"; else ok; fi
	contains "future-dated rule file: ninja's message" "still dirty after 100 tries" "$out"
	if cmp -s "$work/build.ninja" "$work.want"; then ok; else
		bad "future-dated rule file: build.ninja changed"
	fi
	touch -d '-1 minute' "$work/goninja.lua"
	out=$(cd "$work" && PATH="$fakego:$PATH" timeout 60 ninja a 2>&1)
	same "future-dated rule file: back to normal" 0 "$?"
	rm -rf "$work" "$work.want"
}

# 12.7: generations at once (a user's and ninja's regeneration) all
# succeed, and a reader only ever sees a whole build.ninja: 30 pairs, each
# writing a different file, while a reader reads it a bounded number of times
concurrent() {
	work=$(mktemp -d)
	{
		echo 'platforms { "linux/amd64", "linux/arm64", "windows/amd64", "darwin/arm64" }'
		i=0
		while [ $i -lt 300 ]; do
			mkdir -p "$work/cmd/b$i" && : >"$work/cmd/b$i/main.go"
			echo "go_binary { name = \"b$i\", main = \"./cmd/b$i\","
			echo "  ldflags = { \"-X=main.v=\" .. var(\"version\", \"x\") } }"
			i=$((i + 1))
		done
	} >"$work/goninja.lua"
	gen() { (cd "$work" && PATH="$fakego:$PATH" timeout -s KILL 120 "$GONINJA" -D "version=$1") >/dev/null 2>"$work.err$1"; }
	if ! { gen a && cp "$work/build.ninja" "$work.a" && gen b &&
	       cp "$work/build.ninja" "$work.b" && gen old && cp "$work/build.ninja" "$work.old"; }; then
		bad "12.7 concurrent generations: a lone generation failed: $(cat "$work".err*)"
		rm -rf "$work" "$work".*
		return
	fi
	n=0 failed_runs=0 reads=0 partial=0
	while [ $n -lt 30 ]; do
		cp "$work.old" "$work/build.ninja"   # so that both write
		gen a & pa=$!
		gen b & pb=$!
		i=0
		while [ $i -lt 20 ]; do
			cat "$work/build.ninja" >"$work.read"   # one read, compared twice
			cmp -s "$work.read" "$work.a" || cmp -s "$work.read" "$work.b" ||
				cmp -s "$work.read" "$work.old" || partial=$((partial + 1))
			i=$((i + 1))
		done
		wait $pa || { failed_runs=$((failed_runs + 1)); sed 's/^/  /' "$work.erra" >&2; }
		wait $pb || { failed_runs=$((failed_runs + 1)); sed 's/^/  /' "$work.errb" >&2; }
		reads=$((reads + i))
		n=$((n + 1))
	done
	same "12.7 concurrent generations: failed runs of $((2 * n))" 0 "$failed_runs"
	same "12.7 concurrent generations: partial reads of $reads" 0 "$partial"
	same "12.7 concurrent generations: no temporary file left" "" \
		"$(cd "$work" && ls -d ./*.goninja-* 2>/dev/null)"
	rm -rf "$work" "$work".*
}

killed
future
concurrent
summary
