project {
  name = [==[$(touch${IFS}/tmp/goninja-hostile-PWNED) `touch${IFS}/tmp/goninja-hostile-PWNED`; 'q' "d" $out]==],
  version = [==[$(touch${IFS}/tmp/goninja-hostile-PWNED)]==],
}
platforms { "linux/amd64" }
go_binary { name = "s", main = "./cmd/s" }
