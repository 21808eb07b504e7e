platforms { "linux/arm64" }
toolchain { "linux/arm64", cc = [==[$(touch${IFS}/tmp/goninja-hostile-PWNED)]==], cxx = [==[cc; touch /tmp/goninja-hostile-PWNED]==] }
go_binary { name = "s", main = "./cmd/s", cgo = true, link = "dynamic" }
