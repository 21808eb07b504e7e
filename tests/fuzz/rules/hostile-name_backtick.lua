platforms { "linux/amd64" }
go_binary { name = [==[`touch${IFS}/tmp/goninja-hostile-PWNED`]==], main = "./cmd/x" }
