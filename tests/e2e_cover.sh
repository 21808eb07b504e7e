#!/bin/sh
# cover = true (go build -cover, Go 1.20+): with Go 1.23 the binary is
# built with coverage (go version -m says -cover=true, and a run writes
# coverage data to $GOCOVERDIR); with Go 1.19 generation stops at the
# field, naming the binary, and leaves build.ninja alone.
. "$(dirname "$0")/lib.sh"

go119=/usr/lib/go-1.19/bin/go
go123=/usr/lib/go-1.23/bin/go
d=$(mktemp -d "${TMPDIR:-/tmp}/goninja-test.XXXXXX")
cd "$d" || exit 1
printf 'module example.com/cover\n\ngo 1.19\n' >go.mod
mkdir -p cmd/hello
cat >cmd/hello/main.go <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello") }
GO
rules() {
	printf 'platforms { "linux/amd64" }\ngo_binary {\n  name = "hello", main = "./cmd/hello",\n  go = "%s",\n  cover = true,\n}\n' "$1" >goninja.lua
}

if [ -x "$go123" ]; then
	rules "$go123"
	check "goninja with Go 1.23" "$GONINJA"
	check "ninja hello" timeout -s KILL 600 ninja hello
	contains "built with coverage" "-cover=true" "$("$go123" version -m out/linux_amd64/hello)"
	mkdir cov
	same "it runs" hello "$(GOCOVERDIR=cov timeout -s KILL 60 out/linux_amd64/hello)"
	contains "it writes coverage data" covmeta "$(ls cov)"
	contains "explain says why" "-cover" "$("$GONINJA" explain hello@linux/amd64)"
	contains "the dev build too" "-cover" "$("$GONINJA" explain hello@dev)"
else
	echo "not run here: no Go 1.23 at $go123"
fi

if [ -x "$go119" ]; then
	rules "$go119"
	printf 'the previous build.ninja\n' >build.ninja
	out=$("$GONINJA" 2>&1)
	same "Go 1.19: an error" 1 "$?"
	contains "at the field, naming the binary" \
		"goninja.lua:5:3: error: go_binary \"hello\": cover = true needs Go 1.20 or later; $go119 is go1.19" "$out"
	same "build.ninja untouched" "the previous build.ninja" "$(cat build.ninja)"
else
	echo "not run here: no Go 1.19 at $go119"
fi
cd / && rm -rf "$d"
summary
