-- memory binds: 6 GiB (tests/fakego/meminfo) holds one 4 GiB link, so
-- the link pool is 1 deep and each go build gets -p 8 (GONINJA_NPROC).
project { name = "pool", jobs = 6, memory_per_link = "4G" }
platforms { "linux/amd64", "linux/arm64" }
go_binary { name = "server", main = "./cmd/server" }
