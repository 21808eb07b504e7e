#!/bin/sh
# The link pool: examples/matrix's 24 go builds, run by ninja -j 16 with a
# recording fake go (tests/poolgo), never run more at once than the pool's
# depth, and each gets the -p that divides the cores. The machine is
# pinned: 8 cores (GONINJA_NPROC) and tests/fakego/meminfo's 6 GiB.
. "$(dirname "$0")/lib.sh"

GONINJA_NPROC=8
GONINJA_MEMINFO=$TOP/tests/fakego/meminfo
export GONINJA_NPROC GONINJA_MEMINFO
PATH=$TOP/tests/poolgo:$PATH

# build DIR: the go builds of the matrix's three binaries; the log's peak
build() {
	POOLGO_DIR=$(mktemp -d)
	export POOLGO_DIR
	(cd "$1" && timeout -s KILL 600 ninja -j 16 server cli worker) >"$POOLGO_DIR/ninja.out" 2>&1 ||
		bad "ninja builds the matrix with the fake go: $(tail -5 "$POOLGO_DIR/ninja.out")"
	peak=$(awk '$1 == "start" && $NF > m { m = $NF } END { print m + 0 }' \
		"$POOLGO_DIR/log" 2>/dev/null)
}

# pool CASE PROJECT-FIELDS DEPTH P
pool() {
	p=$(project_copy matrix)
	sed -i "s|^project { name = \"matrix\",|project { name = \"matrix\",$2|" "$p/goninja.lua"
	check "$1: goninja" sh -c "cd '$p' && '$GONINJA'"
	contains "$1: the pool's depth" "pool link
  depth = $3
" "$(cat "$p/build.ninja")"
	contains "$1: explain names the pool" "pool: link, depth $3:" \
		"$("$GONINJA" explain -C "$p" server@linux/arm64)"
	build "$p"
	same "$1: every go build ran" 24 "$(grep -c '^start build' "$POOLGO_DIR/log")"
	same "$1: every go build ended" 24 "$(grep -c '^end' "$POOLGO_DIR/log")"
	same "$1: every go build got -p $4" 24 "$(grep -c "^start build -p $4 " "$POOLGO_DIR/log")"
	if [ "$peak" -ge 1 ] && [ "$peak" -le "$3" ]; then ok; else
		bad "$1: at most $3 go builds at once, the log shows $peak"
	fi
	echo "e2e_pool: $1: depth $3, at most $peak go builds seen at once"
	rm -rf "$p" "$POOLGO_DIR"
}

pool "jobs = 2" " jobs = 2," 2 4
pool "memory_per_link = 4G" " memory_per_link = \"4G\"," 1 8
pool "the default: 6 GiB / 2 GiB" "" 3 2
# not asserted (it depends on the machine's load): with a pool deeper
# than ninja -j, how many overlap; more than the depths above shows the
# recorder sees what a missing pool would allow
p=$(project_copy matrix)
sed -i 's|^project { name = "matrix",|project { name = "matrix", jobs = 16, memory_per_link = "1M",|' "$p/goninja.lua"
(cd "$p" && "$GONINJA") && build "$p"
echo "e2e_pool: for comparison, a pool of 16: at most $peak go builds seen at once (not asserted)"
rm -rf "$p" "$POOLGO_DIR"
summary
