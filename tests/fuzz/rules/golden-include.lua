project { name = "inc" }
platforms { "linux/amd64", "linux/arm64/v8" }
go_binary { name = "top", main = "." }
include "sub/goninja.lua"
