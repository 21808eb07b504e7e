#!/bin/sh
# make-inspect-samples.sh DIR: build real executables for test_inspect.c.
# Each file's name tells the test what it must be (see samples[] there).
# Uses $GO (default go) with GOCACHE from the environment when set, and the
# C cross compilers goninja's install script provides.  Fails on the first
# sample that cannot be built.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
GO=${GO:-go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM

export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off GO111MODULE=on
if [ -z "${GOCACHE:-}" ]; then
	GOCACHE=$("$GO" env GOCACHE 2>/dev/null || true)
	[ -n "$GOCACHE" ] || GOCACHE=$tmp/gocache
fi
export GOCACHE

# hello: standard library only; lookup: pulls in the cgo resolver when cgo is on
mkdir "$tmp/hello" "$tmp/lookup"
printf 'module hello\n\ngo 1.19\n' >"$tmp/hello/go.mod"
printf 'module lookup\n\ngo 1.19\n' >"$tmp/lookup/go.mod"
cat >"$tmp/hello/main.go" <<'EOF'
package main

import "fmt"

func main() { fmt.Println("hello") }
EOF
cat >"$tmp/lookup/main.go" <<'EOF'
package main

import (
	"fmt"
	"net"
)

func main() { fmt.Println(net.LookupHost("localhost")) }
EOF
cat >"$tmp/hello.c" <<'EOF'
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
EOF

# gobuild NAME MODULE VAR=VALUE...: go build MODULE into $out/NAME
gobuild() {
	name=$1 mod=$2
	shift 2
	(cd "$tmp/$mod" && env "$@" "$GO" build -trimpath -ldflags='-s -w' \
		-o "$out/$name" .)
	echo "$name"
}

# cbuild NAME CC FLAGS...: compile hello.c into $out/NAME
cbuild() {
	name=$1 cc=$2
	shift 2
	"$cc" "$@" -o "$out/$name" "$tmp/hello.c"
	echo "$name"
}

gobuild go-linux-amd64-static hello GOOS=linux GOARCH=amd64 CGO_ENABLED=0
gobuild go-linux-amd64-cgo lookup GOOS=linux GOARCH=amd64 CGO_ENABLED=1 CC=gcc
gobuild go-linux-arm64 hello GOOS=linux GOARCH=arm64 CGO_ENABLED=0
gobuild go-linux-arm hello GOOS=linux GOARCH=arm GOARM=7 CGO_ENABLED=0
gobuild go-linux-386 hello GOOS=linux GOARCH=386 CGO_ENABLED=0
gobuild go-linux-riscv64 hello GOOS=linux GOARCH=riscv64 CGO_ENABLED=0
gobuild go-linux-ppc64le hello GOOS=linux GOARCH=ppc64le CGO_ENABLED=0
gobuild go-linux-s390x hello GOOS=linux GOARCH=s390x CGO_ENABLED=0
gobuild go-linux-mips hello GOOS=linux GOARCH=mips CGO_ENABLED=0
gobuild go-linux-loong64 hello GOOS=linux GOARCH=loong64 CGO_ENABLED=0
gobuild go-freebsd-amd64 hello GOOS=freebsd GOARCH=amd64 CGO_ENABLED=0
gobuild go-netbsd-amd64 hello GOOS=netbsd GOARCH=amd64 CGO_ENABLED=0
gobuild go-openbsd-amd64 hello GOOS=openbsd GOARCH=amd64 CGO_ENABLED=0
gobuild go-windows-amd64.exe hello GOOS=windows GOARCH=amd64 CGO_ENABLED=0
gobuild go-windows-386.exe hello GOOS=windows GOARCH=386 CGO_ENABLED=0
gobuild go-darwin-amd64 hello GOOS=darwin GOARCH=amd64 CGO_ENABLED=0
gobuild go-darwin-arm64 hello GOOS=darwin GOARCH=arm64 CGO_ENABLED=0

cbuild c-linux-amd64-dynamic gcc -O2
cbuild c-linux-amd64-static gcc -O2 -static
cbuild c-linux-amd64-static-pie gcc -O2 -static-pie
cbuild c-linux-amd64-musl-static musl-gcc -O2 -static
cbuild c-linux-arm64-dynamic aarch64-linux-gnu-gcc -O2
cbuild c-linux-arm-dynamic arm-linux-gnueabihf-gcc -O2
cbuild c-windows-amd64-mingw.exe x86_64-w64-mingw32-gcc -O2
