platforms { "linux/amd64" }
load "tools/nope.lua"
