//go:build !windows

package main

func id() string { return "no uuid here" }
