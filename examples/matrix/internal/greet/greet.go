// Package greet says where a binary runs; each OS has its own file.
package greet

import "runtime"

// Where is "<os>/<arch> (<family>)".
func Where() string { return runtime.GOOS + "/" + runtime.GOARCH + " (" + family + ")" }
