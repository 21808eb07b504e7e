-- found after evaluation, in C: the note still names the calling line
platforms { "linux/amd64" }
local rules = load "tools/rules.lua"
rules.proto("api")
rules.proto("all")
