#!/bin/sh
# The rule's own flags reach go as a user writes them (issue 11.2, 11.3,
# 11.5), built and run with Go 1.19 and Go 1.23: gcflags and a one-element
# ldflags with blanks, the rule's -X over goninja's default stamp, no
# default stamps in a dependency's main, vendor/modules.txt an input.
. "$(dirname "$0")/lib.sh"

run() { timeout -s KILL 60 "$@"; }

one_go() {
	go=$1
	d=$(mktemp -d "${TMPDIR:-/tmp}/goninja-userflags.XXXXXX")
	cd "$d" || exit 1
	mkdir -p cmd/hello dep/cmd/tool dep/greet tools
	cat >go.mod <<'EOF'
module example.com/u

go 1.19

require example.com/dep v0.0.0

replace example.com/dep => ./dep
EOF
	printf 'module example.com/dep\n\ngo 1.19\n' >dep/go.mod
	cat >cmd/hello/main.go <<'EOF'
package main

import (
	"fmt"

	"example.com/dep/greet"
)

var version, commit = "none", "none"

func main() { fmt.Println(version, commit+greet.Suffix) }
EOF
	printf 'package greet\n\nconst Suffix = ""\n' >dep/greet/greet.go
	# the tools.go idiom: a dependency's main, vendored with the module
	printf '//go:build tools\n\npackage tools\n\nimport _ "example.com/dep/cmd/tool"\n' >tools/tools.go
	cat >dep/cmd/tool/main.go <<'EOF'
package main

import "fmt"

var version = "dep-own"

func main() { fmt.Println(version) }
EOF
	cat >goninja.lua <<'EOF'
project { name = "u", verify = false, go = var("go", "go") }
platforms { "linux/amd64" }
go_binary { name = "mine", main = "./cmd/hello", ldflags = { "-X", "main.version=1.0.0" } }
go_binary { name = "oneword", main = "./cmd/hello", ldflags = { "-X main.version=2.0.0 -X 'main.commit=a b'" } }
go_binary { name = "debug", main = "./cmd/hello", gcflags = { "all=-N -l" } }
go_binary { name = "dep", main = "example.com/dep/cmd/tool" }
go_binary { name = "stamped", main = "example.com/u/cmd/hello" }
EOF
	v=$("$go" env GOVERSION)
	"$GONINJA" -D go="$go" 2>/dev/null
	out=$(ninja 2>&1); rc=$?
	same "11.3 $v: every binary builds" 0 "$rc"
	[ $rc = 0 ] || printf '%s\n' "$out" | tail -5 >&2
	o=out/linux_amd64
	same "11.2 $v: the rule's -X wins" "1.0.0 unknown" "$(run $o/mine)"
	same "11.3 $v: a one-element ldflags with blanks" "2.0.0 a b" "$(run $o/oneword)"
	contains "11.3 $v: gcflags all=-N -l reached the compiler" "all=-N -l" "$("$go" version -m $o/debug)"
	same "11.2 $v: a dependency's main keeps its own version" "dep-own" "$(run $o/dep)"
	same "11.2 $v: the main module by import path is stamped" "0.0.0-dev unknown" "$(run $o/stamped)"
	contains "11.2 $v: explain says why the default stamp is left out" \
		"no default -X main.version={version}: the rule's ldflags set it" \
		"$("$GONINJA" explain mine@linux/amd64 -D go="$go")"
	contains "11.2 $v: explain says why a dependency is not stamped" \
		"example.com/dep/cmd/tool is not a package of this module" \
		"$("$GONINJA" explain dep@linux/amd64 -D go="$go")"

	# 11.5: vendor/modules.txt is an input of every go edge
	if GOFLAGS= "$go" mod vendor 2>/dev/null; then
		rm -rf out .ninja_deps .ninja_log   # a module vendoring from the start
		"$GONINJA" -D go="$go" 2>/dev/null
		GOFLAGS= ninja >/dev/null 2>&1
		same "11.5 $v: vendored: then nothing to do" "ninja: no work to do." "$(GOFLAGS= ninja 2>&1)"
		sleep 0.05
		sed -i 's/^# example.com\/dep v0.0.0 => .\/dep$/# example.com\/dep v0.0.1 => .\/dep/' vendor/modules.txt
		out=$(GOFLAGS= ninja 2>&1); rc=$?
		contains "11.5 $v: modules.txt edited: go runs again" "GO out/linux_amd64/" "$out"
		contains "11.5 $v: and finds the inconsistency" "inconsistent vendoring" "$out"
		GOFLAGS= "$go" mod vendor 2>/dev/null
		out=$(GOFLAGS= ninja 2>&1); rc=$?
		same "11.5 $v: vendoring restored: builds" 0 "$rc"
	else
		echo "not run here: $go mod vendor failed"
	fi
	cd / && rm -rf "$d"
}

one_go "$(command -v go)"
if [ -x /usr/lib/go-1.23/bin/go ]; then one_go /usr/lib/go-1.23/bin/go
else echo "not run here: /usr/lib/go-1.23/bin/go missing"; fi
summary
