package notebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const noOutputsFile = `---
title: Private
save:
  outputs: false # results stay on this machine
---

` + "```go id=a\nfmt.Println(1)\n```\n"

func TestSaveOutputsSettingReadAndWritten(t *testing.T) {
	nb, err := Parse([]byte(noOutputsFile))
	if err != nil {
		t.Fatal(err)
	}
	if !nb.Meta.Save.NoOutputs {
		t.Fatalf("save.outputs: false not read: %+v", nb.Meta.Save)
	}
	if got := string(nb.Marshal()); got != noOutputsFile {
		t.Errorf("not written back byte for byte:\n%s", got)
	}
	nb.Meta.Save.NoOutputs = false
	back, err := Parse(nb.Marshal())
	if err != nil || back.Meta.Save.NoOutputs || !strings.Contains(string(nb.Marshal()), "outputs: true # results stay") {
		t.Errorf("turning outputs back on: %v\n%s", err, nb.Marshal())
	}
	fresh := sample()
	fresh.Meta.Save.NoOutputs = true
	if text := string(fresh.Marshal()); !strings.Contains(text, "save:\n  outputs: false\n") {
		t.Errorf("a new notebook does not write the setting:\n%s", text)
	}
	if text := string(sample().Marshal()); strings.Contains(text, "save:") {
		t.Errorf("the default setting is written:\n%s", text)
	}
	_, err = Parse([]byte("---\nsave:\n  outputs: maybe\n---\n"))
	if err == nil || err.Error() != "line 3: save.outputs must be true or false" {
		t.Errorf("bad value: %v", err)
	}
}

// Save leaves the outputs out of the file but not out of the notebook in memory.
func TestSaveWithoutOutputs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.cairn.md")
	nb := sample()
	nb.Meta.Save.NoOutputs = true
	if err := Save(path, nb); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "```output") || !strings.Contains(string(data), "fmt.Println(1)") {
		t.Errorf("saved file:\n%s", data)
	}
	if len(nb.Cells[1].Outputs) != 1 {
		t.Errorf("saving dropped the outputs in memory")
	}
	nb.Meta.Save.NoOutputs = false
	if err := Save(path, nb); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), "```output stream=stdout\n1\n```") {
		t.Errorf("outputs not saved once the setting is off:\n%s", data)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.html")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "new" {
		t.Errorf("content %q", data)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("permissions %v, want 0600 kept", st.Mode().Perm())
	}
	onlyFiles(t, dir, "r.html")
	if err := WriteFile(dir, []byte("x")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("WriteFile(a folder) = %v", err)
	}
}
