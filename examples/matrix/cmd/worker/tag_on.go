//go:build matrixdemo

package main

const tagged = "tagged"
