// app prints where it runs and what it was stamped with.
package main

import (
	"fmt"
	"runtime"
)

var (
	version = "none"
	commit  = "none"
	date    = "none"
)

func main() {
	fmt.Printf("app %s (%s, %s) on %s/%s\n", version, commit, date, runtime.GOOS, runtime.GOARCH)
}
