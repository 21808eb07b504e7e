platforms { "linux/amd64" }
go_binary {
  name = "s", main = "./cmd/s",
  ldflags = {
    [==[-X=main.a=it's]==],
    [==[-X=main.b="dq"]==],
    [==[-X=main.c=back\slash\]==],
    [==['-X=main.d=a b  c']==],
    [==['-X=main.e=	tab']==],
    [==['-X=main.f=trailing ']==],
  },
}
