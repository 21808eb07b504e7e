package main

import "fmt"

var version = "none"

func main() { fmt.Println("tool", version) }
