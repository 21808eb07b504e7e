local f = load("return require", "=x", "t", _G)
local r = f()
r("os")
