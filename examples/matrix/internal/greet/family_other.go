//go:build !windows

package greet

const family = "unix"
