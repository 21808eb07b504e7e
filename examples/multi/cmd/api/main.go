package main

import (
	"fmt"
	"runtime"
)

func main() { fmt.Printf("api on %s/%s\n", runtime.GOOS, runtime.GOARCH) }
