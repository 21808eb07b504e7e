platforms { "linux/amd64" }
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
assert(depth(150) == 150)
local t = {} for i = 1, 10000 do t = { t } end
go_binary { name = "s", main = "./cmd/s" }
