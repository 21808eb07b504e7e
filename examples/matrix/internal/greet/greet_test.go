package greet

import (
	"runtime"
	"strings"
	"testing"
)

func TestWhere(t *testing.T) {
	w := Where()
	if !strings.HasPrefix(w, runtime.GOOS+"/"+runtime.GOARCH) {
		t.Fatalf("Where() = %q", w)
	}
	t.Logf("running as %s", w)
}
