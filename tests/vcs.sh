#!/bin/sh
# Git and regeneration (issue 11.1, 12.8): no git operation breaks the
# build or leaves a stale commit stamp, and a regeneration input that
# vanishes regenerates build.ninja instead of wedging ninja. A real git
# repository, a real go build, the binary run.
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null || ! command -v go >/dev/null; then
	echo "not run here: git or go missing"; summary; exit
fi
d=$(mktemp -d "${TMPDIR:-/tmp}/goninja-vcs.XXXXXX")
cd "$d" || exit 1
mkdir -p cmd/hello
printf 'module example.com/hello\n\ngo 1.19\n' >go.mod
cat >cmd/hello/main.go <<'EOF'
package main

import "fmt"

var version, commit = "none", "none"

func main() { fmt.Println(version, commit) }
EOF
cat >goninja.lua <<'EOF'
project { name = "hello", verify = false }
platforms { "linux/amd64" }
go_binary { name = "hello", main = "./cmd/hello" }
EOF
git() { command git -c user.name=t -c user.email=t@t -c gc.auto=0 "$@"; }
git init -q -b master . && git add -A && git commit -qm one
bin=out/linux_amd64/hello
built() { timeout -s KILL 60 "$bin" | cut -d' ' -f2; }

# 1. pack-refs after generation: ninja still works
"$GONINJA" 2>/dev/null && ninja >/dev/null
same "11.1 first build: the commit" "$(git rev-parse HEAD)" "$(built)"
git pack-refs --all
out=$(ninja 2>&1); rc=$?
same "11.1 after pack-refs: ninja succeeds" 0 "$rc"
case $out in *"missing and no known rule"*) bad "after pack-refs: $out" ;; *) ok ;; esac
out=$(ninja 2>&1)
contains "11.1 after pack-refs: then nothing to do" "no work to do" "$out"

# 2. generated while refs are packed: a new commit regenerates
git pack-refs --all
"$GONINJA" 2>/dev/null && ninja >/dev/null
sleep 0.05
git commit -q --allow-empty -m two
out=$(ninja 2>&1); rc=$?
same "11.1 packed, new commit: ninja succeeds" 0 "$rc"
contains "11.1 packed, new commit: regenerates" "GONINJA build.ninja" "$out"
same "11.1 packed, new commit: the binary has it" "$(git rev-parse HEAD)" "$(built)"
contains "11.1 and then nothing to do" "no work to do" "$(ninja 2>&1)"

# a detached HEAD is a new commit too
sleep 0.05
git checkout -q --detach HEAD~1
out=$(ninja 2>&1)
same "11.1 detached HEAD: the binary has it" "$(git rev-parse HEAD)" "$(built)"
git checkout -q master

# 3. a git worktree: HEAD is per worktree, refs are shared
git worktree add -q -b side "$d/wt" 2>/dev/null
cd "$d/wt" || exit 1
"$GONINJA" 2>/dev/null && ninja >/dev/null
same "11.1 worktree: the commit" "$(git rev-parse HEAD)" "$(built)"
sleep 0.05
git commit -q --allow-empty -m three
out=$(ninja 2>&1); rc=$?
same "11.1 worktree, new commit: ninja succeeds" 0 "$rc"
same "11.1 worktree, new commit: the binary has it" "$(git rev-parse HEAD)" "$(built)"
sleep 0.05
git pack-refs --all
git commit -q --allow-empty -m four
out=$(ninja 2>&1); rc=$?
same "11.1 worktree, packed, new commit: ninja succeeds" 0 "$rc"
same "11.1 worktree, packed, new commit: the binary has it" "$(git rev-parse HEAD)" "$(built)"
cd "$d" || exit 1

# 12.8: an included rule file deleted with its include line regenerates
mkdir -p tools
echo 'go_binary { name = "extra", main = "../cmd/hello" }' >tools/goninja.lua
echo 'include "tools/goninja.lua"' >>goninja.lua
"$GONINJA" 2>/dev/null && ninja >/dev/null
check "12.8 included binary built" test -x out/linux_amd64/extra
sleep 0.05
rm tools/goninja.lua
sed -i '/^include/d' goninja.lua
out=$(ninja 2>&1); rc=$?
same "12.8 include removed: ninja succeeds" 0 "$rc"
contains "12.8 include removed: regenerates" "GONINJA build.ninja" "$out"
case $(cat build.ninja) in *tools/goninja.lua*) bad "include removed: still an input" ;; *) ok ;; esac

# a vanished go.work (an input of every go edge) regenerates too
printf 'go 1.19\n\nuse .\n' >go.work
"$GONINJA" 2>/dev/null && ninja >/dev/null
contains "12.8 go.work is an input" " go.work" "$(grep '^build build.ninja:' build.ninja)"
sleep 0.05
rm go.work
out=$(ninja 2>&1); rc=$?
same "12.8 go.work removed: ninja succeeds" 0 "$rc"
contains "12.8 go.work removed: then nothing to do" "no work to do" "$(ninja 2>&1)"

# every regeneration input has its phony edge
"$GONINJA" 2>/dev/null
inputs=$(sed -n 's/^build build.ninja: goninja \(.*\) | .*/\1/p' build.ninja)
missing=
for f in $inputs; do
	grep -qxF "build $f: phony" build.ninja || missing="$missing $f"
done
same "12.8 a phony edge per regeneration input" "" "$missing"

cd / && rm -rf "$d"
summary
