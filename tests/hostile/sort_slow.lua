-- issue 12 item 5: a table.sort that returns, after a long time: 100,000
-- references to one 1 MiB string, each comparison reading all of it
platforms { "linux/amd64" }
local s, t = ("x"):rep(1 << 20), {}
for i = 1, 100000 do t[i] = s end table.sort(t)
go_binary { name = "x", main = "./cmd/x" }
