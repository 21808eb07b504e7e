// netuser has C code of its own and resolves names and users: the case
// where static linking against glibc needs care.
package main

/*
static int answer(void) { return 42; }
*/
import "C"

import (
	"fmt"
	"net"
	"os"
	"os/user"
)

func main() {
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
	fmt.Printf("netuser: C says %d, localhost ok, user %s ok\n", int(C.answer()), u.Uid)
}
