#!/bin/sh
# Generation scales with the number of binaries (issue 12 item 15: 8k
# binaries took 1.5 s, 32k 11.3 s; the duplicate-name check compared every
# pair). Counted, not timed: valgrind's callgrind counts the instructions
# of a generation of N and of 4N binaries (a fake go, import-path mains),
# the same on a busy machine as on an idle one. Linear is a ratio of 4,
# n log n a little more, quadratic 16: the bound is 6, for the whole
# generation and for model_check, the step that was quadratic.
. "$(dirname "$0")/lib.sh"

# issue 17: the peak memory of a 1000 x 20 generation (16 MB of
# build.ninja) stays under 24 MB: the file is streamed, not held, and
# binaries declared alike share their cells' flags (it was 75 MB)
if [ -x /usr/bin/time ]; then
	work=$(mktemp -d)
	. "$TOP/bench/lib.sh"
	write_goninja "$work" 1000 20
	(cd "$work" && PATH="$TOP/tests/fakego:$PATH" /usr/bin/time -f '%M' -o "$work/rss" \
		"$GONINJA" >/dev/null 2>&1) || bad "1000 x 20: generation failed"
	rss=$(cat "$work/rss")
	echo "peak RSS, 1000 x 20: $rss KB, build.ninja $(wc -c <"$work/build.ninja") bytes"
	if [ "$rss" -lt 24576 ]; then ok; else bad "1000 x 20: peak RSS $rss KB, want under 24576"; fi
	rm -rf "$work"
else
	echo "not run here: peak memory (no GNU time at /usr/bin/time)"
fi

if ! command -v valgrind >/dev/null || ! command -v callgrind_annotate >/dev/null; then
	echo "not run here: valgrind is not installed (apt-get install valgrind)"
	summary
	exit
fi
work=$(mktemp -d)

# count N: "TOTAL MODEL_CHECK HOST_RUN", instructions of a generation of N
# binaries, of its model_check and of its rule evaluation
count() {
	mkdir -p "$work/$1"
	awk -v n="$1" 'BEGIN { print "platforms { \"linux/amd64\", \"linux/arm64\" }"
		for (i = 0; i < n; i++)
			printf "go_binary { name = \"b%d\", main = \"example.com/m/cmd/b%d\" }\n", i, i }' \
		>"$work/$1/goninja.lua"
	(cd "$work/$1" && PATH="$TOP/tests/fakego:$PATH" valgrind -q --tool=callgrind \
		--callgrind-out-file="$work/$1.cg" "$GONINJA" --max-seconds 86400 >/dev/null)
	[ -s "$work/$1/build.ninja" ] || { bad "$1 binaries: no build.ninja"; echo "1 1"; return; }
	callgrind_annotate --inclusive=yes "$work/$1.cg" 2>/dev/null | awk '
		/PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
		/:model_check / { gsub(",", "", $1); model = $1 }
		/:host_run / { gsub(",", "", $1); lua = $1 }
		END { print total + 0, model + 0, lua + 0 }'
}

small=$(count 250)
big=$(count 1000)
echo "instructions, 250 binaries: $small; 1000 binaries: $big (total, model_check)"
# ratio NAME A B: B/A under 6
ratio() {
	if [ "$2" -gt 0 ] && awk -v a="$2" -v b="$3" 'BEGIN { exit !(b / a < 6) }'; then ok; else
		bad "$1: 4x the binaries cost $(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", b / a }')x the instructions (want under 6)"
	fi
}
set -- $small $big
ratio "whole generation" "$1" "$4"
ratio "model_check" "$2" "$5"
# issue 17: evaluating a declaration cost 550k instructions (a table of
# debug.getinfo per stack level, its table constructor parsed again on
# every call of a loop, every schema entry walked three times)
per=$(($6 / 1000))
echo "rule evaluation: $per instructions per go_binary"
if [ "$per" -lt 250000 ]; then ok; else bad "rule evaluation: $per instructions per go_binary, want under 250000"; fi
rm -rf "$work"
summary
