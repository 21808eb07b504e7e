// puredns has no C of its own but resolves names: with cgo on, Go links
// it against libc unless told otherwise.
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	addrs, err := net.LookupHost("localhost")
	if err != nil || len(addrs) == 0 {
		fmt.Println("lookup failed:", err)
		os.Exit(1)
	}
	fmt.Println("puredns: localhost ok")
}
