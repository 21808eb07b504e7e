platforms { "linux/amd64" }
go_binary {
  name = "s", main = "./cmd/s",
  gcflags = {
    [==[-N]==],
    [==[-l;touch${IFS}/tmp/goninja-hostile-PWNED]==],
    [==[-m=$(touch${IFS}/tmp/goninja-hostile-PWNED)]==],
    [==[-B=`touch${IFS}/tmp/goninja-hostile-PWNED`]==],
    [==[-d=x&&touch${IFS}/tmp/goninja-hostile-PWNED]==],
    [==['-D=$(touch /tmp/goninja-hostile-PWNED)']==],
    [==[-e=it's]==],
    [==[-f="dq" x]==],
    [==['-g=	tab']==],
  },
}
