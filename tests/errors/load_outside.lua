platforms { "linux/amd64" }
load "../rules.lua"
