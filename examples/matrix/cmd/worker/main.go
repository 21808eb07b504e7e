package main

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed banner.txt
var banner string

func main() { fmt.Println("worker", strings.TrimSpace(banner), tagged) }
