-- issue 12 item 5: one string.find call backtracks for hours; no count
-- hook runs inside a C function, so only the timer stops it. The loop on
-- the same line lets the hook see that line before the call.
platforms { "linux/amd64" }
local s = ("a"):rep(40)
local n = 0 for i = 1, 2000 do n = n + i end local found = s:find(("a?"):rep(40) .. ("a"):rep(40))
go_binary { name = "x", main = "./cmd/x" }
