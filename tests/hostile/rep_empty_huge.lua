-- issue 12 item 5: string.rep("", math.maxinteger) loops in C for ever
-- and allocates nothing
platforms { "linux/amd64" }
local n = 0 for i = 1, 2000 do n = n + i end local s = string.rep("", math.maxinteger)
go_binary { name = "x", main = "./cmd/x" }
