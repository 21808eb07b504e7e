platforms { "linux/amd64" }
local rules = load "tools/rules.lua"
rules.gen("a")
rules.gen(nil)
