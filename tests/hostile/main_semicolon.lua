platforms { "linux/amd64" }
go_binary { name = "x", main = [==[./cmd;touch${IFS}/tmp/goninja-hostile-PWNED]==] }
