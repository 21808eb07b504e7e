platforms { "linux/amd64" }
go_binary {
  name = "s", main = "./cmd/s",
  ldflags = {
    [==[-X=main.a=$(touch${IFS}/tmp/goninja-hostile-PWNED)]==],
    [==[-X=main.b=`touch${IFS}/tmp/goninja-hostile-PWNED`]==],
    [==[-X=main.c=x;touch${IFS}/tmp/goninja-hostile-PWNED]==],
    [==[-X=main.d=x&&touch${IFS}/tmp/goninja-hostile-PWNED]==],
    [==[-X=main.e=x|touch${IFS}/tmp/goninja-hostile-PWNED]==],
    [==['-X=main.f=$(touch /tmp/goninja-hostile-PWNED)']==],
    [==['-X=main.g=x; touch /tmp/goninja-hostile-PWNED']==],
  },
}
