#!/bin/sh
# examples/multi: per-binary platform overrides and an included rule file
# whose binary lives in a nested module and is built from its directory.
. "$(dirname "$0")/lib.sh"

p=$(project_copy multi)
cd "$p" || exit 1
check "goninja" "$GONINJA"
check "ninja" ninja
same "cells: api x4, migrate x3, gen x2" \
	"out/darwin_arm64/api out/darwin_arm64/gen out/linux_amd64/api out/linux_amd64/gen out/linux_amd64/migrate out/linux_arm64/api out/linux_arm64/migrate out/linux_ppc64le/migrate out/windows_amd64/api.exe" \
	"$("$GONINJA" targets | cut -f1 | sort | tr '\n' ' ' | sed 's/ $//')"
contains "the override adds ppc64le" "ELF 64-bit LSB executable, 64-bit PowerPC" "$(file -b out/linux_ppc64le/migrate)"
check "migrate is not built for windows" test ! -e out/windows_amd64/migrate.exe
contains "the nested module's tool runs" "gen built for linux/amd64" "$(out/linux_amd64/gen)"
contains "ppc64le runs under qemu" "migrate: nothing to do" "$(qemu-ppc64le out/linux_ppc64le/migrate)"
contains "the included file regenerates" "build build.ninja: goninja goninja.lua tools/goninja.lua" "$(cat build.ninja)"
contains "gen builds in tools/" "cd = cd tools && " "$(cat build.ninja)"
# api's listings (api.exe's too) share one depfile naming all their directories
check "api.exe's listing is api's" test -s out/.deps/windows_amd64/api.pkgs -a ! -e out/.deps/windows_amd64/api.exe.pkgs
same "every directory of api's listings is in its scan's depfile" "" "$(python3 - out/.deps/api.pkgs.d out/.deps/*/api.pkgs <<'PY'
import sys
dep = open(sys.argv[1]).read().replace("\\\n", " ").split()
for f in sys.argv[2:]:
    fields = open(f, "rb").read().split(b"\0")
    i = 0
    while i < len(fields) - 1:   # dir, filter, names..., ""
        d = fields[i].decode()
        if d not in dep:
            print(f, "lists", d, "which", sys.argv[1], "does not name")
        i += 2
        while i < len(fields) and fields[i]:
            i += 1
        i += 1
PY
)"
deps=$(ninja -t deps out/linux_amd64/gen)
contains "with the nested go.mod as input (its depfile)" " tools/go.mod" "$deps"
contains "and the go command" " $(realpath "$(command -v go)")" "$deps"
same "the edge itself names neither" "build out/linux_amd64/gen: go_1 out/.deps/linux_amd64/gen.pkgs" \
	"$(grep '^build out/linux_amd64/gen:' build.ninja | sed 's/go_[0-9]*/go_1/')"
sleep 0.05; echo '// edit' >> tools/go.mod
same "an edit to the nested go.mod rebuilds gen only" "GO out/darwin_arm64/gen GO out/linux_amd64/gen " \
	"$(ninja | grep -o 'GO [^ ]*' | sort | tr '\n' ' ')"
sleep 0.05; echo '// edit' >> tools/cmd/gen/main.go
same "a tools edit rebuilds gen only" "GO out/darwin_arm64/gen GO out/linux_amd64/gen " "$(ninja | grep -o 'GO [^ ]*' | sort | tr '\n' ' ')"
sleep 0.05; sed -i 's|"linux/amd64", "darwin/arm64" }|"linux/amd64", "darwin/arm64", "linux/arm64" }|' tools/goninja.lua
out=$(ninja)
contains "an included rule-file edit regenerates" "GONINJA build.ninja" "$out"
contains "and builds the new cell" "GO out/linux_arm64/gen" "$out"
# an editor's files in a package directory rebuild nothing; a new Go file
# there rebuilds the binary that uses the package
sleep 0.05
: >cmd/api/.main.go.swp; : >cmd/api/4913; : >cmd/api/main.go~; rm cmd/api/4913 cmd/api/.main.go.swp
out=$(ninja)
contains "a swap file: the directory is rescanned" "SCAN out/.deps/linux_amd64/api.pkgs" "$out"
case $out in *"GO "*) bad "a swap file rebuilt a binary: $out" ;; *) ok ;; esac
same "a swap file: then nothing to do" "ninja: no work to do." "$(ninja)"
rm cmd/api/main.go~
printf 'package main\n\nconst extra = 1\n' >cmd/api/extra_linux.go
out=$(ninja)
same "a new extra_linux.go rebuilds api's linux cells only" "GO out/linux_amd64/api GO out/linux_arm64/api " \
	"$(printf '%s\n' "$out" | grep -o 'GO [^ ]*' | sort | tr '\n' ' ')"
same "a new Go file: then nothing to do" "ninja: no work to do." "$(ninja)"
rm cmd/api/extra_linux.go
same "a removed extra_linux.go: the same cells" "GO out/linux_amd64/api GO out/linux_arm64/api " \
	"$(ninja | grep -o 'GO [^ ]*' | sort | tr '\n' ' ')"
agrees out/*/*
cd / && rm -rf "$p"
summary
