#!/bin/sh
# Diagnostics: file:line:col: error:, the source line and a caret on a
# terminal only, colour only on a terminal and never with NO_COLOR, and
# warnings told apart from errors.
. "$(dirname "$0")/lib.sh"

d=$(mktemp -d)
cd "$d" || exit 1
printf 'platforms { "linux/amd64" }\ngo_binary { name = "x", main = "./cmd/x", ldflag = { "-s" } }\n' >goninja.lua

out=$("$GONINJA" 2>&1 >/dev/null)
same "a pipe: one line, no colour" \
	'goninja.lua:2:43: error: go_binary: unknown field "ldflag" (did you mean "ldflags"?)' "$out"

# a terminal, through script(1)'s pseudo-terminal
tty=$(TERM=xterm script -qec "$GONINJA" /dev/null 2>&1 | tr -d '\r')
contains "terminal: the source line" '    2 | go_binary { name = "x", main = "./cmd/x", ldflag = { "-s" } }' "$tty"
contains "terminal: a caret under the field" "      | $(printf '%42s' '')" "$tty"
contains "terminal: colour" "$(printf '\033[1;31merror:')" "$tty"
plain=$(NO_COLOR=1 TERM=dumb script -qec "$GONINJA" /dev/null 2>&1 | tr -d '\r')
contains "NO_COLOR: the caret under column 43" "      | $(printf '%42s' '')^" "$plain"
case $plain in *"$(printf '\033')"*) bad "NO_COLOR: escape codes printed" ;; *) ok ;; esac

# issue 12 item 14: a terminal that says it is dumb gets no colour
dumb=$(TERM=dumb script -qec "$GONINJA" /dev/null 2>&1 | tr -d '\r')
contains "TERM=dumb: the source line still" '    2 | go_binary' "$dumb"
case $dumb in *"$(printf '\033')"*) bad "TERM=dumb: escape codes printed" ;; *) ok ;; esac

# issue 12 item 11: a rule file's control bytes never reach the terminal:
# not from error(), not from the echoed source line; a tab stays a tab
printf 'platforms { "linux/amd64" }\nerror("\\27[2K\\rok: all good\\7")  -- \033[2K\t\177\n' >goninja.lua
raw=$(NO_COLOR=1 script -qec "$GONINJA" /dev/null 2>&1 | tr -d '\r')
case $raw in *"$(printf '\033')"* | *"$(printf '\007')"* | *"$(printf '\177')"*)
	bad "control bytes reached the terminal: $(printf '%s' "$raw" | od -c | head -5)" ;;
*) ok ;; esac
contains "escaped in the message" 'error: \x1b[2K\x0dok: all good\x07' "$raw"
contains "tab kept, escape shown as ? in the source line" "$(printf '    2 | error("\\27[2K\\rok: all good\\7")  -- ?[2K\t?')" "$raw"

# a warning is a warning, and generation goes on
printf 'platforms { "linux/arm64/v9.2" }\ngo_binary { name = "x", main = "./cmd/x" }\n' >goninja.lua
mkdir -p cmd/x && printf 'package main\n\nfunc main() {}\n' >cmd/x/main.go
out=$(PATH="$TOP/tests/fakego:$PATH" "$GONINJA" 2>&1); rc=$?
same "a warning does not fail" 0 "$rc"
contains "warning: is the kind" "goninja.lua:2:1: warning: go_binary \"x\": go1.19.8 ignores GOARM64" "$out"

# the caret is on the field the message is about, wherever the field is
# written, whatever the message says: found by reading the declaration
printf 'platforms { "linux/amd64" }\ngo_binary {\n  name = "x", -- link = "dynamic"\n  main = "./cmd/x",\n    link = "dynamic",\n}\n' >goninja.lua
out=$(PATH="$TOP/tests/fakego:$PATH" "$GONINJA" 2>&1)
contains "a field on its own line, from C" 'goninja.lua:5:5: error: go_binary "x" on linux/amd64: link = "dynamic" needs cgo' "$out"
printf 'go_binary { name = "a", main = "./a" } go_binary { name = "b", main = "./b", cgo = 1 }\n' >goninja.lua
contains "the second declaration on a line, from Lua" 'goninja.lua:1:78: error: go_binary: field "cgo" must be true or false' "$("$GONINJA" 2>&1)"
printf 'local spec = { name = "x", main = "./x", cgo = 1 }\ngo_binary(spec)\n' >goninja.lua
contains "a spec not written in place: the call" 'goninja.lua:2:1: error: go_binary: field "cgo"' "$("$GONINJA" 2>&1)"
printf 'platforms { "linux/amd64", [[linux/arm64]], "linux/amd46" }\n' >goninja.lua
contains "a platform in the list" 'goninja.lua:1:45: error: unknown arch "amd46" in platform "linux/amd46"' "$("$GONINJA" 2>&1)"

# did you mean, for names
printf 'platforms { "linux/amd64" }\ngo_binray { name = "x" }\n' >goninja.lua
contains "an unknown name" 'goninja.lua:2:1: error: unknown name "go_binray" (did you mean "go_binary"?)' "$("$GONINJA" 2>&1)"

# a Go floor (lua/fields.lua since): the binary named, the caret on the field
mkdir -p cmd/x && printf 'package main\n\nfunc main() {}\n' >cmd/x/main.go
printf 'platforms { "linux/amd64" }\ngo_binary {\n  name = "x", main = "./cmd/x",\n  cover = true,\n}\n' >goninja.lua
tty=$(PATH="$TOP/tests/fakego:$PATH" NO_COLOR=1 TERM=dumb script -qec "$GONINJA" /dev/null 2>&1 | tr -d '\r')
contains "a version floor: file:line:col and the binary" \
	'goninja.lua:4:3: error: go_binary "x": cover = true needs Go 1.20 or later; go is go1.19.8' "$tty"
contains "a version floor: the caret on the field" "$(printf '    4 |   cover = true,\n      |   ^')" "$tty"
cd / && rm -rf "$d"
summary
