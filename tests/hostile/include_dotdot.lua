platforms { "linux/amd64" }
include "sub/../../x.lua"
