platforms { "linux/amd64" }
go_binary {
  name = "s", main = "./cmd/s",
  x = {
    [ [==[main.a]==] ] = [==[it's]==],
    [ [==[main.b]==] ] = [==["dq"]==],
    [ [==[main.c]==] ] = [==[back\slash\]==],
    [ [==[main.d]==] ] = [==[$HOME]==],
    [ [==[main.e]==] ] = [==[${{cd}$out]==],
    [ [==[main.f]==] ] = [==[a  b]==],
    [ [==[main.g]==] ] = [==[]==],
    [ [==[main.h]==] ] = [==[%s%d]==],
    [ [==[main.i]==] ] = [==[}{{{{]==],
  },
}
