-- issue 12 item 5: a pcall cannot outlast the stop, not even of a C call
platforms { "linux/amd64" }
local n = 0 for i = 1, 2000 do n = n + i end while true do pcall(string.rep, "", math.maxinteger) end
go_binary { name = "x", main = "./cmd/x" }
