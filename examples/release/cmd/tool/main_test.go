package main

import "testing"

func TestVersionStamped(t *testing.T) {
	if version != "none" {
		t.Fatalf("tests are not stamped, got %q", version)
	}
}
