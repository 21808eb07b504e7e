platforms { "linux/amd64" }
go_binary {
  name = "s", main = "./cmd/s",
  x = {
    [ [==[main.$(touch$IFS/tmp/goninja-hostile-PWNED)]==] ] = [==[key]==],
    [ [==[main.a]==] ] = [==[$(touch${{IFS}/tmp/goninja-hostile-PWNED)]==],
    [ [==[main.b]==] ] = [==[`touch${{IFS}/tmp/goninja-hostile-PWNED`]==],
    [ [==[main.c]==] ] = [==[x;touch${{IFS}/tmp/goninja-hostile-PWNED]==],
    [ [==[main.d]==] ] = [==[x && touch /tmp/goninja-hostile-PWNED]==],
    [ [==[main.e]==] ] = [==[x | touch /tmp/goninja-hostile-PWNED]==],
    [ [==[main.f]==] ] = [==[$(touch /tmp/goninja-hostile-PWNED)]==],
  },
}
