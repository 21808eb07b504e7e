platforms { "linux/amd64" }
include "a|b.lua"
