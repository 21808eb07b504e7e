#!/bin/sh
# check-workloads.sh: the benchmark's peers do the same work as goninja.
# For the small workloads (10x10, 100x10), each generator's file (and the
# hand-written Makefile) must hold exactly N x P go build commands, and
# each must be goninja's command, word for word (paths aside). Installs
# the peers once (bench/install-deps). Timings: none.
# Last line: "check-workloads.sh: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok: $*"; }
no() { fail=$((fail + 1)); echo "FAILED: $*"; }

# commands TOOL DIR: the go build commands TOOL's file runs for its default
commands() {
	if [ "$1" = make ]; then
		make -s -C "$2" -n all
	else
		ninja -C "$(ninja_dir "$1" "$2")" -t commands
	fi | grep 'go build'
}

"$top/bench/install-deps" >/dev/null || no "bench/install-deps failed"
work=$(mktemp -d /tmp/goninja-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -x "$top/goninja" ]; then
	cp "$top/goninja" "$work/goninja"   # a snapshot: make may rebuild it
	GONINJA=$work/goninja
else
	no "no ./goninja: run make first"
	GONINJA=false
fi

for size in 10x10 100x10; do
	n=${size%x*} p=${size#*x}
	for tool in $BENCH_GENERATORS make; do
		dir=$work/$size/$tool
		"write_$tool" "$dir" "$n" "$p"
		if [ "$tool" != make ] && ! generate "$tool" "$dir" >"$work/gen.log" 2>&1; then
			no "$tool $size: generation failed: $(tail -3 "$work/gen.log")"
			continue
		fi
		commands "$tool" "$dir" >"$work/$tool.cmds"
		got=$(wc -l <"$work/$tool.cmds")
		if [ "$got" -eq $((n * p)) ]; then
			ok "$tool $size: $got go build commands"
		else
			no "$tool $size: $got go build commands, want $((n * p))"
		fi
		norm_cmds <"$work/$tool.cmds" >"$work/$tool.norm"
		[ "$tool" = goninja ] && continue
		if cmp -s "$work/goninja.norm" "$work/$tool.norm"; then
			ok "$tool $size: the same commands as goninja's"
		else
			no "$tool $size: not goninja's commands:"
			diff "$work/goninja.norm" "$work/$tool.norm" | head -4
		fi
	done
done
echo "check-workloads.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
