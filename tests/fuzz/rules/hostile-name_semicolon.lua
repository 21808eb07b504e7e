platforms { "linux/amd64" }
go_binary { name = [==[a;touch${IFS}/tmp/goninja-hostile-PWNED]==], main = "./cmd/x" }
