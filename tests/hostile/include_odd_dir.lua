platforms { "linux/amd64" }
include [==[odd $dir;'q' `x` $(y) &&z/goninja.lua]==]
