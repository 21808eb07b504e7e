platforms { "linux/amd64" }
go_binary {
  name = "s", main = "./cmd/s",
  env = {
    A = [==[$(touch${IFS}/tmp/goninja-hostile-PWNED)]==],
    B = [==[`touch${IFS}/tmp/goninja-hostile-PWNED`]==],
    C = [==[x;touch /tmp/goninja-hostile-PWNED]==],
    D = [==[x && touch /tmp/goninja-hostile-PWNED]==],
    E = [==[it's "dq" \ $HOME ${cd} $out $$]==],
    F = [==[ lead]==],
    G = [==[trail ]==],
    H = [==[a=b=c]==],
    I = [==[]==],
    J = [==[x | touch /tmp/goninja-hostile-PWNED]==],
  },
}
