// hello uses the generated protobuf code only: editing the C library, the
// color type or the banner never rebuilds it.
package main

import (
	"fmt"

	"github.com/golang/protobuf/proto"

	"example.com/codegen/api"
)

func main() {
	fmt.Println(proto.CompactTextString(&api.Hello{Name: "gopher"}))
}
