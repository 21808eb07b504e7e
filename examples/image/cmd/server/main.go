// server: the binary of examples/image. It says what it is, where it runs
// and whether the image gave it a CA bundle and its licence file.
package main

import (
	"fmt"
	"os"
	"runtime"
)

var version = "dev"

func has(path string) string {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		return "yes"
	}
	return "no"
}

func main() {
	fmt.Printf("imgapp server %s %s/%s\n", version, runtime.GOOS, runtime.GOARCH)
	fmt.Printf("ca-certificates: %s\n", has("/etc/ssl/certs/ca-certificates.crt"))
	fmt.Printf("license: %s\n", has("/usr/share/doc/imgapp/LICENSE"))
	fmt.Printf("args: %q\n", os.Args[1:])
}
