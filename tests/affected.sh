#!/bin/sh
# goninja affected --since REV and matrix --affected REV on examples/matrix
# in a git repository: a change names exactly the cells and go_test cells
# whose inputs it is — from go list before any build, from ninja's deps log
# for the cells a build has made.
. "$(dirname "$0")/lib.sh"

p=$(project_copy matrix)
cd "$p" || exit 1
printf 'build.ninja\nout/\n.ninja_*\n' >.gitignore
echo "the example" >README
git init -q && git add -A &&
	git -c user.email=t@example.org -c user.name=t commit -qm init || exit 1
"$GONINJA" >/dev/null 2>&1 || bad "goninja"

# the names affected gives, sorted, on one line
names() { "$GONINJA" affected --since HEAD "$@" | cut -f1 | sort | tr '\n' ' '; }
# every cell, and every go_test cell (its log in a platform job's targets)
all=$(( $("$GONINJA" targets | wc -l) + $("$GONINJA" matrix --json | grep -o '"out/\.test/' | wc -l) ))

same "nothing changed: nothing named" "" "$(names)"
echo more >>README
same "a README edit names nothing" "" "$(names)"
git checkout -q README

echo "// edited" >>internal/greet/family_windows.go
same "a _windows.go edit names the windows cells that import it" \
	"cli@windows/amd64 server@windows/amd64 " "$(names)"
json=$("$GONINJA" affected --since HEAD --json)
check "--json is JSON with the cells" python3 -c 'import json,sys
d = json.loads(sys.argv[1])
assert d["since"] == "HEAD" and d["inputs"] == "go list", d
assert sorted(c["binary"] + "@" + c["platform"] for c in d["cells"]) == ["cli@windows/amd64", "server@windows/amd64"], d
assert d["tests"] == [] and any(f.endswith("/internal/greet/family_windows.go") for f in d["changed"]), d' "$json"
same "matrix --affected: one windows job with those two cells" "windows_amd64	2 cells" \
	"$("$GONINJA" matrix --affected HEAD)"
git checkout -q .

echo "// edited" >>go.mod
n=$(names | wc -w)
same "go.mod names everything: 24 cells and 4 tests" "28 28" "$all $n"
same "go.mod: every job of the matrix" "$("$GONINJA" matrix)" "$("$GONINJA" matrix --affected HEAD)"
git checkout -q .

# a new file (untracked) counts where go build could read it
echo "package greet" >internal/greet/extra_linux.go
got=$(names)
same "a new _linux.go file names the linux cells and tests that import greet" \
	"cli@linux/386 cli@linux/amd64 cli@linux/arm/v7 cli@linux/arm64 server@linux/386 server@linux/amd64 server@linux/arm/v7 server@linux/arm64 test@linux/386 test@linux/amd64 test@linux/arm/v7 test@linux/arm64 " "$got"
rm internal/greet/extra_linux.go
echo "swap" >internal/greet/.greet.go.swp
same "an editor's swap file names nothing" "" "$(names)"
rm internal/greet/.greet.go.swp

# worker builds with tag matrixdemo: tag_off.go is not its input, but the
# tests (no tags) compile it
echo "// edited" >>cmd/worker/tag_off.go
same "a file excluded by the binary's tags: only the tests" \
	"test@linux/386 test@linux/amd64 test@linux/arm/v7 test@linux/arm64 " "$(names)"
git checkout -q .
echo "// edited" >>internal/greet/greet_test.go
same "a _test.go edit: the go_test cells only" \
	"test@linux/386 test@linux/amd64 test@linux/arm/v7 test@linux/arm64 " "$(names)"
same "matrix --affected: test-only jobs" "linux_386 linux_amd64 linux_arm64 linux_arm_v7 " \
	"$("$GONINJA" matrix --affected HEAD | cut -f1 | sort | tr '\n' ' ')"
git checkout -q .
same "matrix --affected with nothing changed: no jobs" '{"include": [
]}' "$("$GONINJA" matrix --affected HEAD --json)"

# after a build: the deps log. Two cells are built with the real go; then
# a go whose go list lists nothing stands in, so only the log can name them
if timeout -s KILL 900 ninja out/linux_amd64/cli out/windows_amd64/cli.exe >ninja.log 2>&1; then
	ok
	echo "// edited" >>internal/greet/family_windows.go
	json=$(PATH=$TOP/tests/hostile/fakego:$PATH "$GONINJA" affected --since HEAD --json)
	check "the deps log names the built windows cell; unbuilt ones come from go list" \
		python3 -c 'import json,sys
d = json.loads(sys.argv[1])
assert d["inputs"] == "ninja'"'"'s deps log, and go list for cells not built yet", d
assert [c["binary"] + "@" + c["platform"] for c in d["cells"]] == ["cli@windows/amd64"], d' "$json"
	git checkout -q .
	echo "// edited" >>cmd/cli/main.go
	same "the deps log: cmd/cli/main.go names the built cli cells" \
		"cli@linux/amd64 cli@windows/amd64 " "$(PATH=$TOP/tests/hostile/fakego:$PATH names)"
	git checkout -q .
else
	bad "ninja builds two cells: $(tail -5 ninja.log)"
fi
out=$("$GONINJA" affected --since no-such-rev 2>&1)
same "a bad revision: exit 2" 2 "$?"
contains "a bad revision: git's word" "no-such-rev" "$out"
cd / && rm -rf "$p"
summary
