platforms { "linux/amd64" }
include "a.lua"
