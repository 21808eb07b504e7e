// Package greet is a module served to the SBOM test by a file GOPROXY, so
// that the binaries record a real go.sum hash for it.
package greet

// Hello greets who.
func Hello(who string) string { return "hello, " + who }
