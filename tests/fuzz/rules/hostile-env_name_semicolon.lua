platforms { "linux/amd64" }
go_binary { name = "x", main = "./cmd/x", env = { [ [==[A;touch${IFS}/tmp/goninja-hostile-PWNED]==] ] = "1" } }
