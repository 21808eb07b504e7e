package main

import "fmt"

func main() { fmt.Println("migrate: nothing to do") }
