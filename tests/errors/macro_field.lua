platforms { "linux/amd64" }
load "tools/rules.lua"
service { name = "api" }
service { name = "web", cgo = "yes" }
