package export

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/service/bundle"
)

// needRuntimes skips on a plain `go test` of a checkout without `make runtimes`, but fails
// under make (CAIRN_TEST_BIN set), where every target must be there.
func needRuntimes(t *testing.T) {
	t.Helper()
	if len(Available()) == 0 {
		if os.Getenv("CAIRN_TEST_BIN") != "" {
			t.Fatal("no service runtimes embedded although make built them")
		}
		if _, err := Runtime(""); !errors.Is(err, ErrNoRuntimes) || !strings.Contains(err.Error(), "use make build") {
			t.Fatalf("without runtimes: %v", err)
		}
		t.Skip("built without service runtimes (make runtimes)")
	}
}

func TestEveryTargetEmbedded(t *testing.T) {
	needRuntimes(t)
	if !slices.Equal(Available(), Targets) {
		t.Fatalf("embedded %v, want %v", Available(), Targets)
	}
	magic := map[string]string{"linux": "\x7fELF", "darwin": "\xcf\xfa\xed\xfe", "windows": "MZ"}
	for _, target := range Targets {
		rt, err := Runtime(target)
		if err != nil {
			t.Fatal(err)
		}
		if goos := strings.Split(target, "/")[0]; !bytes.HasPrefix(rt, []byte(magic[goos])) {
			t.Errorf("%s runtime starts with %q", target, rt[:4])
		}
		if len(rt) > 12<<20 {
			t.Errorf("%s runtime is %d bytes, over 12 MB", target, len(rt))
		}
	}
}

func TestWrite(t *testing.T) {
	needRuntimes(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "svc")
	model := []byte("cairn-model 1 sha256:00 2\n{}")
	n, err := Write(path, "", model)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Size() != n || st.Mode().Perm()&0o111 == 0 {
		t.Fatalf("written %v (%d bytes reported), %v", st, n, err)
	}
	if got, err := bundle.ReadFile(path); err != nil || !bytes.Equal(got, model) {
		t.Fatalf("bundle read back %q, %v", got, err)
	}
	// Refusals leave nothing behind and never touch an existing file.
	if _, err := Write(path, "plan9/386", model); err == nil || !strings.Contains(err.Error(), "unknown target") {
		t.Errorf("bad target: %v", err)
	}
	if _, err := Write(dir, "", model); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
	if _, err := Write(filepath.Join(dir, "no", "such", "svc"), "", model); err == nil {
		t.Error("missing folder: no error")
	}
	if got, _ := bundle.ReadFile(path); !bytes.Equal(got, model) {
		t.Error("a refused export changed the existing file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestCandidates(t *testing.T) {
	got := Candidates("m, err := ml.Fit(ds, spec, opt)\nvar forest *ml.Model\nx = 3\nfmt.Println(y)", "a := `b := 1`")
	want := []string{"a", "ds", "err", "forest", "m", "spec", "x"} // a superset: ds and spec are arguments
	if !slices.Equal(got, want) {
		t.Errorf("Candidates = %v, want %v", got, want)
	}
}
