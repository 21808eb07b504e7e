-- Known problem: one string.find call backtracks for hours. The step and
-- time budgets are checked between VM instructions, never inside a C
-- function, so nothing stops it. Wanted: a clean error, build.ninja kept.
platforms { "linux/amd64" }
local s = ("a"):rep(40)
local found = s:find(("a?"):rep(40) .. ("a"):rep(40))
go_binary { name = "x", main = "./cmd/x" }
