local t = {}
for i = 1, 1 << 20 do t[i] = ("z"):rep(1000) .. i end
local s = table.concat(t)
