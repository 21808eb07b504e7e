-- of outputs made twice, the first in byte order is named (libz.so), not
-- the first found (y.so): the same message whatever the declaration order
platforms { "linux/amd64" }
go_binary { name = "z", main = "./z", cgo = true, buildmode = "c-shared" }
go_binary { name = "libz.so", main = "./l" }
go_binary { name = "y", main = "./y", cgo = true, buildmode = "plugin" }
go_binary { name = "y.so", main = "./ys" }
