package bundle

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoundTripAndRefusals(t *testing.T) {
	runtime := bytes.Repeat([]byte("\x7fELF runtime "), 1000)
	model := []byte("cairn-model 1 sha256:ab 2\n{}")
	var f bytes.Buffer
	f.Write(runtime)
	if err := Append(&f, model); err != nil {
		t.Fatal(err)
	}
	file := f.Bytes()
	got, err := Read(bytes.NewReader(file), int64(len(file)))
	if err != nil || !bytes.Equal(got, model) {
		t.Fatalf("read back %q, %v", got, err)
	}
	path := filepath.Join(t.TempDir(), "svc")
	if err := os.WriteFile(path, file, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFile(path); err != nil || !bytes.Equal(got, model) {
		t.Fatalf("ReadFile: %q, %v", got, err)
	}
	if got, err := MapFile(path); err != nil || !bytes.Equal(got, model) { // 13,000 bytes in: not on a page
		t.Fatalf("MapFile: %q, %v", got, err)
	}
	damage := func(i int) []byte {
		b := bytes.Clone(file)
		b[i] ^= 1
		return b
	}
	end := len(file)
	cases := map[string]struct {
		file []byte
		want string
	}{
		"bare runtime":     {runtime, "no model bundle"},
		"tiny file":        {[]byte("ab"), "no model bundle"},
		"body altered":     {damage(len(runtime) + 3), "corrupt"},
		"other version":    {damage(end - 16), "trailer version"},
		"length too large": {damage(end - 2), "claims"},
		"truncated":        {file[len(runtime)-10:][:0], "no model bundle"},
	}
	for name, c := range cases {
		_, err := Read(bytes.NewReader(c.file), int64(len(c.file)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
		if err := os.WriteFile(path, c.file, 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := MapFile(path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s, MapFile: %v, want %q", name, err, c.want)
		}
	}
	if _, err := MapFile(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := Read(bytes.NewReader(runtime), int64(len(runtime))); !errors.Is(err, ErrNone) {
		t.Errorf("bare runtime: %v is not ErrNone", err)
	}
}

// A bundle that starts on a page boundary and an empty one map as they read.
func TestMapFileEdges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "svc")
	for name, c := range map[string]struct{ runtime, model []byte }{
		"on a page":    {bytes.Repeat([]byte{1}, os.Getpagesize()), bytes.Repeat([]byte("model "), 3000)},
		"empty bundle": {[]byte("runtime"), nil},
	} {
		var f bytes.Buffer
		f.Write(c.runtime)
		if err := Append(&f, c.model); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Bytes(), 0o755); err != nil {
			t.Fatal(err)
		}
		if got, err := MapFile(path); err != nil || !bytes.Equal(got, c.model) {
			t.Errorf("%s: %d bytes, %v", name, len(got), err)
		}
	}
}
