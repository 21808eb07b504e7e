platforms { "linux/amd64" }
go_generate { name = "gen", packages = { "-x" }, outputs = { "a.go" } }
