-- issue 12 item 5: lazy ".-" items that never match: O(n^4) in one call
platforms { "linux/amd64" }
local s = ("a"):rep(100000)
local n = 0 for i = 1, 2000 do n = n + i end local found = s:find(".-.-.-.-b")
go_binary { name = "x", main = "./cmd/x" }
