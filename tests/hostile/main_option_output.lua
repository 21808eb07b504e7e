-- issue 12 item 4: a main that would move the output out of the project
platforms { "linux/amd64" }
go_binary { name = "x", main = "-o=/tmp/goninja-hostile-PWNED" }
