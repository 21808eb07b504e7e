platforms { "linux/amd64" }
go_binary {
  name = "s", main = "./cmd/s",
  ldflags = {
    [==[-X=main.a=$in]==],
    [==[-X=main.b=$out]==],
    [==[-X=main.c=${cd}]==],
    [==[-X=main.d=$$]==],
    [==[-X=main.e=$]==],
    [==[-X=main.g=a:b]==],
    [==[-X=main.h=#x]==],
  },
}
