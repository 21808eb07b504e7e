#!/bin/sh
# goninja matrix: the CI job list. Jobs by platform and by binary; N shards
# that are disjoint, balanced and together everything; and every shard's
# targets built on this machine add up to the whole matrix.
. "$(dirname "$0")/lib.sh"

p=$(project_copy matrix)
cd "$p" || exit 1

"$GONINJA" matrix --json >jobs.json
check "by platform: JSON with 8 jobs" python3 -c '
import json; d = json.load(open("jobs.json"))["include"]
assert len(d) == 8 and all(j["cells"] == 3 for j in d)
assert {j["target"] for j in d} == {"linux_amd64","linux_arm64","linux_arm_v7","linux_386","windows_amd64","darwin_amd64","darwin_arm64","freebsd_amd64"}'
contains "arm64 runs its tests under qemu" '"name": "linux_arm64", "target": "linux_arm64", "goos": "linux", "goarch": "arm64", "cells": 3, "tests": 1, "cc": [], "qemu": ["qemu-aarch64"]' "$(cat jobs.json)"
contains "and its job runs them" '"out/.test/linux_arm64/test.ok"]' "$(cat jobs.json)"
# qemu only where a job runs tests under it: building for arm64 needs none
same "shards run no tests: no qemu" "[] [] []" "$("$GONINJA" matrix --json --shards 3 | python3 -c 'import json,sys; print(" ".join(json.dumps(j["qemu"]) for j in json.load(sys.stdin)["include"]))')"
# what a job needs, not what this machine has: qemu listed without it here;
# none for 386 (Debian's qemu-i386 crashes Go binaries)
mkdir nobin && ln -s "$(command -v go)" nobin/go
qemus=$(PATH=$p/nobin "$GONINJA" matrix --json 2>/dev/null | python3 -c 'import json,sys
print(" ".join(j["target"] + "=" + ",".join(j["qemu"]) for j in json.load(sys.stdin)["include"] if j["goos"] == "linux"))')
same "qemu listed even where this machine has none" "linux_386= linux_amd64= linux_arm64=qemu-aarch64 linux_arm_v7=qemu-arm" "$qemus"
rm -r nobin
same "jobs by binary run no tests: no qemu" "" "$("$GONINJA" matrix --by binary | grep qemu)"
sed 's|"linux/amd64", "linux/386", "linux/arm64", "linux/arm/v7" } }|"linux/amd64" } }|' goninja.lua >hosttests.lua
check "a rule file with host tests only" grep -q '^          platforms = { "linux/amd64" } }' hosttests.lua
out=$("$GONINJA" matrix -f hosttests.lua)
same "host tests only: no job needs qemu" "" "$(printf '%s\n' "$out" | grep qemu)"
contains "host tests only: the amd64 job runs them" "linux_amd64	3 cells	1 tests" "$out"
rm hosttests.lua
same "by binary: 3 jobs" 3 "$("$GONINJA" matrix --by binary | wc -l)"
"$GONINJA" >/dev/null 2>&1
for t in $("$GONINJA" matrix --json | python3 -c 'import json,sys; print(" ".join(j["target"] for j in json.load(sys.stdin)["include"]))'); do
	check "job target $t is a ninja target" ninja -t query "$t"
done

# shards: disjoint, balanced, complete
all=$("$GONINJA" targets | cut -f1 | sort)
for n in 1 2 3 5 24; do
	got=$(for i in $(seq 1 $n); do "$GONINJA" matrix --shard $i/$n --targets | tr ' ' '\n' | grep -v '/\.verify/'; done | sort)
	same "$n shards cover every cell exactly once" "$all" "$got"
	sizes=$("$GONINJA" matrix --json --shards $n | python3 -c 'import json,sys; s=[j["cells"] for j in json.load(sys.stdin)["include"]]; print(max(s)-min(s))')
	same "$n shards are balanced" 0 "$((sizes > 1))"
done
out=$("$GONINJA" matrix --shard 4/3 2>&1); rc=$?
same "a shard past the end is refused" 2 "$rc"
contains "with a message" "--shard takes I/N with 1 <= I <= N" "$out"

# cache keys: per job, the Go version, the platform (the job) and a digest
# of go.sum, so that CI caches of different cells never collide
gover=$("$GONINJA" explain server@linux/amd64 | sed -n 's/^go: .* (\(go[^)]*\))$/\1/p')
keys() { "$GONINJA" matrix --json "$@" | python3 -c 'import json,sys
print(" ".join(j["cache_key"] for j in json.load(sys.stdin)["include"]))'; }
k1=$(keys)
check "every job has its own cache key" python3 -c 'import sys; k = sys.argv[1].split(); assert len(k) == 8 and len(set(k)) == 8, k' "$k1"
contains "a key names the Go version, the platform; no go.sum: nosum" "goninja-$gover-linux_arm_v7-nosum" "$k1"
same "the same keys on a second run" "$k1" "$(keys)"
printf 'example.com/dep v1.0.0 h1:AAAA=\n' >go.sum
k2=$(keys)
contains "with a go.sum: its digest" "goninja-$gover-linux_arm64-sum-" "$k2"
check "one go.sum digest for every job" python3 -c 'import sys; assert len({k.rsplit("-", 1)[1] for k in sys.argv[1].split()}) == 1' "$k2"
printf 'example.com/dep v1.0.1 h1:BBBB=\n' >go.sum
k3=$(keys)
check "go.sum changed: every key changed" python3 -c 'import sys; a, b = sys.argv[1].split(), sys.argv[2].split(); assert all(x != y for x, y in zip(a, b)), (a, b)' "$k2" "$k3"
check "shards and jobs by binary have keys too" python3 -c 'import sys; assert len(set(sys.argv[1].split())) == 3 and len(set(sys.argv[2].split())) == 3' "$(keys --shards 3)" "$(keys --by binary)"
rm go.sum

# every shard built here, then nothing is left to do
for i in 1 2 3; do
	check "shard $i/3 builds" ninja $("$GONINJA" matrix --shard $i/3 --targets)
done
contains "the shards built the whole matrix" "no work to do" "$(ninja)"

cd / && rm -rf "$p"
summary
