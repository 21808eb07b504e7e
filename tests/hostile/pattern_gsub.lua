-- issue 12 item 5: the gsub variant of the backtracking pattern
platforms { "linux/amd64" }
local s = ("a"):rep(40)
local n = 0 for i = 1, 2000 do n = n + i end local r = s:gsub(("a?"):rep(40) .. ("a"):rep(40), "b")
go_binary { name = "x", main = "./cmd/x" }
