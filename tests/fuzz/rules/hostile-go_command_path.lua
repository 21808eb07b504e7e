project { go = [==[./tools/go $x;y`z` 'q']==] }
platforms { "linux/amd64" }
go_binary { name = "s", main = "./cmd/s" }
