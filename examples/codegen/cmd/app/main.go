package main

/*
#cgo CFLAGS: -I${SRCDIR}/../../csrc
#cgo linux,amd64 LDFLAGS: -L${SRCDIR}/../../out/clib/linux_amd64 -ladd
#cgo linux,arm64 LDFLAGS: -L${SRCDIR}/../../out/clib/linux_arm64 -ladd
#include "add.h"
*/
import "C"

import (
	"fmt"
	"strings"

	"github.com/golang/protobuf/proto"

	"example.com/codegen/api"
	"example.com/codegen/color"
	"example.com/codegen/web"
)

func main() {
	b, err := proto.Marshal(&api.Hello{Name: "gopher", Times: 3})
	if err != nil {
		panic(err)
	}
	fmt.Printf("proto %d bytes\n", len(b))
	fmt.Println("color", color.Green)
	fmt.Println("banner", strings.TrimSpace(web.Banner))
	fmt.Println("add", C.add(2, 3))
}
