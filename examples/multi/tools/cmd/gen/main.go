package main

import "fmt"

var built = "none"

func main() { fmt.Println("gen built for", built) }
