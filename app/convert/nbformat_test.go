package convert

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// validator checks an .ipynb against nbformat's JSON schema for the version it declares,
// without converting it first. Debian's python3-nbformat lives in /usr/bin/python3's path.
const validator = `import json, sys, nbformat
for path in sys.argv[1:]:
    with open(path) as f:
        nb = json.load(f)
    nbformat.validate(nb, version=nb["nbformat"], version_minor=nb["nbformat_minor"])
    print("valid", path, "%d.%d" % (nb["nbformat"], nb["nbformat_minor"]))
`

func python3(t *testing.T) string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	t.Skip("python3 is not installed: the exported .ipynb files are not validated with nbformat")
	return ""
}

// Every sample exports to an .ipynb that nbformat 4.5's schema accepts.
func TestIpynbValidatesWithNbformat(t *testing.T) {
	py := python3(t)
	if out, err := exec.Command(py, "-c", "import nbformat").CombinedOutput(); err != nil {
		t.Fatalf("%s cannot import nbformat (apt-get install python3-nbformat; build/deps.sh does): %v\n%s", py, err, out)
	}
	dir := t.TempDir()
	var files []string
	for _, path := range samples {
		nb, _ := load(t, path)
		f := filepath.Join(dir, filepath.Base(path)+".ipynb")
		if err := os.WriteFile(f, toIpynb(t, nb), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	bad := filepath.Join(dir, "bad.ipynb") // the validator itself must catch a broken file
	if err := os.WriteFile(bad, []byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": ""}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, append([]string{"-c", validator}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("nbformat rejects an exported notebook: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), " 4.5\n"); n != len(files) {
		t.Errorf("validated %d of %d files as nbformat 4.5:\n%s", n, len(files), out)
	}
	if out, err := exec.Command(py, "-c", validator, bad).CombinedOutput(); err == nil {
		t.Errorf("nbformat accepted a code cell without id, outputs or execution_count:\n%s", out)
	}
}
