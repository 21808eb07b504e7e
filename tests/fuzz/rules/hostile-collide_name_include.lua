platforms { "linux/amd64" }
include "more.lua"
