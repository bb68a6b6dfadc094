// Package kerneltest lets a test binary double as the kernel process, so that tests start real
// kernels (app/runtime runs `os.Args[0] kernel ...`) without building cairn first.
package kerneltest

import (
	"os"
	"testing"

	"github.com/cairn-notebook/cairn/kernel"
)

// Main is a TestMain: it runs the kernel when the binary was started as one, the tests otherwise.
func Main(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "kernel" {
		os.Exit(kernel.Main(os.Args[2:]))
	}
	os.Exit(m.Run())
}
