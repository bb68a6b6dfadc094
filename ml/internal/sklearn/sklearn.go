// Package sklearn runs Python scripts against scikit-learn for tests that
// compare Cairn's results with it; they skip when it is not installed.
package sklearn

import (
	"os/exec"
	"sync"
	"testing"
)

// Python returns a python3 that imports sklearn (Debian's python3-sklearn is
// under /usr/bin/python3, which a pyenv shim on PATH may hide), or skips t.
func Python(t testing.TB) string {
	t.Helper()
	found := python()
	if found == "" {
		t.Skip("python3 with scikit-learn not found (apt-get install python3-sklearn): comparison skipped")
	}
	return found
}

// python looks once per test binary: importing sklearn takes seconds.
var python = sync.OnceValue(func() string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import sklearn").Run() == nil {
			return p
		}
	}
	return ""
})

// Run runs script with args under Python(t) and returns its standard output;
// a failure fails t with the script's standard error.
func Run(t testing.TB, script string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(Python(t), append([]string{"-c", script}, args...)...)
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("scikit-learn script: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("scikit-learn script: %v", err)
	}
	return out
}
