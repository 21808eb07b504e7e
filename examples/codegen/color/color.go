// Package color has a type whose String method stringer writes.
package color

type Color int

const (
	Red Color = iota
	Green
	Blue
)
