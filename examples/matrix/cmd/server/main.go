// server resolves a host name and the current user: the two standard
// packages that pull in libc through cgo unless built static.
package main

import (
	"fmt"
	"net"
	"os"
	"os/user"

	"example.com/matrix/internal/greet"
)

// Stamped by goninja at link time (-X).
var (
	version = "none"
	commit  = "none"
	date    = "none"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "version" {
		fmt.Println(version, commit, date)
		return
	}
	addrs, err := net.LookupHost("localhost")
	if err != nil || len(addrs) == 0 {
		fmt.Println("lookup failed:", err)
		os.Exit(1)
	}
	u, err := user.Current()
	if err != nil {
		fmt.Println("user failed:", err)
		os.Exit(1)
	}
	fmt.Printf("server %s %s: localhost ok, user %s ok\n", version, greet.Where(), u.Uid)
}
