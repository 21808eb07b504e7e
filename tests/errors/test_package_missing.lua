platforms { "linux/amd64" }
go_test { packages = { "./pkg/...", "./pkgs/..." } }
