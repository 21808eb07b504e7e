#!/bin/sh
# One source per field: README's, the man page's and the editor's field
# lists and the fuzz dictionary say what lua/fields.lua says, and the check
# catches each kind of drift. (The C reader against the table: the unit
# test tests/test_model.c, and every generation.)
. "$(dirname "$0")/lib.sh"

gen=$TOP/scripts/fields.lua
docs="README.md doc/goninja.1 editor/goninja.d.lua tests/fuzz/rules/dict.txt lua/fields.lua"
out=$(lua5.4 "$gen" --check "$TOP" 2>&1)
same "the docs agree with lua/fields.lua" "0: " "$?: $out"

# a copy of the tree's docs, changed by one sed command on one file
drift() {
	d=$(mktemp -d)
	for f in $docs; do mkdir -p "$d/$(dirname "$f")"; cp "$TOP/$f" "$d/$f"; done
	sed -i "$2" "$d/$1"
	out=$(lua5.4 "$gen" --check "$d" 2>&1)
	rc=$?
	same "$3: the check fails" 1 "$rc"
	contains "$3: it names the file" "$4" "$out"
	lua5.4 "$gen" "$d" && out=$(lua5.4 "$gen" --check "$d" 2>&1)
	same "$3: make fields mends it" "0: " "$?: $out"
	rm -rf "$d"
}

drift lua/fields.lua 's/{ "race", "boolean", default = false,/&\n      since = 99,/' \
	"a new Go floor in the table" "README.md, doc/goninja.1, editor/goninja.d.lua"
drift lua/fields.lua 's/^    { "msan", "boolean", default = false,$/    { "msan2", "boolean", default = false,/' \
	"a field renamed in the table" "tests/fuzz/rules/dict.txt"
drift editor/goninja.d.lua '/^---@field cgo? boolean$/d' \
	"a field missing from the editor definitions" "editor/goninja.d.lua"
drift doc/goninja.1 's/^\.B universal$/.B universe/' \
	"a field misnamed in the man page" "doc/goninja.1"
drift README.md 's/`trimpath` (default `true`), //' \
	"a field missing from README" "README.md"
summary
