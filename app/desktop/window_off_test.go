//go:build !desktop

package desktop

import (
	"net/http"
	"strings"
	"testing"
)

func TestWithoutDesktopTag(t *testing.T) {
	t.Setenv("DISPLAY", ":0")
	if Available() {
		t.Fatal("Available() without the desktop tag")
	}
	err := Run(Options{Handler: http.NotFoundHandler()})
	if err == nil || !strings.Contains(err.Error(), "cairn serve") || !strings.Contains(err.Error(), "-tags desktop") {
		t.Fatalf("Run: %v, want an error that names serve and the build tag", err)
	}
}
