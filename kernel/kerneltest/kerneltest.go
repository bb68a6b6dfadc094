// Package kerneltest gives tests a real cairn binary to start kernel processes from, so that
// test binaries need not link the kernel (and its 60 MB of DuckDB) themselves.
package kerneltest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	once     sync.Once
	exe      string
	buildErr error
	built    string // a temporary build to remove when the tests end
)

// Main is a TestMain that removes the cairn binary Exe built, if it built one.
func Main(m *testing.M) {
	code := m.Run()
	if built != "" {
		os.RemoveAll(built)
	}
	os.Exit(code)
}

// Exe returns the path of a cairn binary: $CAIRN_TEST_BIN when set (make builds the binary
// once for every package), otherwise one built from this module on first use.
func Exe(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		if p := os.Getenv("CAIRN_TEST_BIN"); p != "" {
			exe, buildErr = filepath.Abs(p)
			return
		}
		exe, buildErr = build()
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return exe
}

func build() (string, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("kerneltest: finding the module to build cairn from: %w", err)
	}
	dir, err := os.MkdirTemp("", "cairn-kerneltest-")
	if err != nil {
		return "", err
	}
	built = dir
	out := filepath.Join(dir, "cairn")
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("kerneltest: building cairn (set CAIRN_TEST_BIN to use a built one): %v\n%s", err, b)
	}
	return out, nil
}
