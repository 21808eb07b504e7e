platforms { "linux/amd64" }
local t = {} for i = 1, 100000 do t = { x = t } end
go_binary { name = "x", main = "./cmd/x", x = t }
