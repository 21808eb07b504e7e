package main

import (
	"fmt"

	"example.com/matrix/internal/greet"
)

func main() { fmt.Println("cli", greet.Where()) }
