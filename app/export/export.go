// Package export writes exported model services: the service runtime for a target, embedded
// gzip-compressed in cairn by `make runtimes`, followed by a model bundle (service/bundle).
package export

import (
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/cairn-notebook/cairn/service/bundle"
)

//go:embed runtimes
var runtimes embed.FS

// Targets are the GOOS/GOARCH pairs `make runtimes` builds.
var Targets = []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64"}

// ErrNoRuntimes is returned when cairn was built without `make runtimes`.
var ErrNoRuntimes = errors.New("this cairn was built without service runtimes: use make build")

// Host is the target of the running cairn.
func Host() string { return runtime.GOOS + "/" + runtime.GOARCH }

// Available lists the targets this cairn carries a runtime for.
func Available() []string {
	var out []string
	for _, t := range Targets {
		if _, err := fs.Stat(runtimes, fileName(t)); err == nil {
			out = append(out, t)
		}
	}
	return out
}

func fileName(target string) string {
	return "runtimes/cairn-service-" + strings.ReplaceAll(target, "/", "-") + ".gz"
}

// open opens the compressed runtime for target (GOOS/GOARCH; "" = Host()).
func open(target string) (fs.File, string, error) {
	if target == "" {
		target = Host()
	}
	if !slices.Contains(Targets, target) {
		return nil, "", fmt.Errorf("unknown target %q: exports are built for %s", target, strings.Join(Targets, ", "))
	}
	f, err := runtimes.Open(fileName(target))
	if errors.Is(err, fs.ErrNotExist) {
		if len(Available()) == 0 {
			return nil, "", ErrNoRuntimes
		}
		return nil, "", fmt.Errorf("this cairn has no service runtime for %s (it has %s): use make build", target, strings.Join(Available(), ", "))
	}
	return f, target, err
}

// Check reports whether this cairn exports for target, without unpacking its runtime.
func Check(target string) error {
	f, _, err := open(target)
	if err == nil {
		f.Close()
	}
	return err
}

// Runtime returns the uncompressed service runtime for target (GOOS/GOARCH; "" = Host()).
func Runtime(target string) ([]byte, error) {
	var b bytes.Buffer
	if _, err := unpack(&b, target); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// unpack writes target's uncompressed runtime to w and returns its size.
func unpack(w io.Writer, target string) (int64, error) {
	f, target, err := open(target)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	var n int64
	if err == nil {
		n, err = io.Copy(w, zr)
	}
	if err != nil {
		return 0, fmt.Errorf("the embedded %s runtime is damaged: %w", target, err)
	}
	return n, nil
}

// Write writes the service for target to path: its runtime, then model (an ml.Save file) as
// the bundle. The file appears whole or not at all (a temporary file renamed over path) and is
// executable. It returns the size written.
func Write(path, target string, model []byte) (int64, error) {
	if err := Check(target); err != nil {
		return 0, err
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return 0, fmt.Errorf("%s is a directory: --out takes the path of the binary to write", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("cannot write the service next to %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())   // after a successful rename there is nothing left to remove
	n, err := unpack(tmp, target) // streamed: the runtime is never whole in memory
	if err == nil {
		err = bundle.Append(tmp, model)
	}
	if err == nil {
		err = tmp.Chmod(0o755)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	return n + int64(len(model)+bundle.TrailerSize), nil
}
