module example.com/codegen

go 1.19

require github.com/golang/protobuf v1.3.5

// Debian's golang-goprotobuf-dev: built offline (GOPROXY=off, GOFLAGS=-mod=mod)
replace github.com/golang/protobuf => /usr/share/gocode/src/github.com/golang/protobuf
