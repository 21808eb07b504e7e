-- jobs binds: 8 cores (GONINJA_NPROC) and 6 GiB (tests/fakego/meminfo)
-- would give 3 builds at once; jobs = 2 gives 2, each go build -p 4.
project { name = "pool", jobs = 2 }
platforms { "linux/amd64", "linux/arm64" }
go_binary { name = "server", main = "./cmd/server" }
go_test { platforms = { "linux/amd64" } }
