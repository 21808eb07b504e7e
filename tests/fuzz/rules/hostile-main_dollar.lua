platforms { "linux/amd64" }
go_binary { name = "x", main = [==[./$(touch${IFS}/tmp/goninja-hostile-PWNED)]==] }
