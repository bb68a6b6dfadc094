package notebook

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func sample() *Notebook {
	nb := New()
	nb.Meta.Title = "Saved"
	nb.Cells = []*Cell{md("a", "# Hi"), withOut(code("b", LangGo, "fmt.Println(1)"), Output{Kind: OutputStream, Name: "stdout", Text: "1\n"})}
	return nb
}

// onlyFiles fails if dir holds anything but the named files.
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(names) {
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		t.Fatalf("directory holds %v, want %v", got, names)
	}
}

func TestSaveAndLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "n.cairn.md")
	nb := sample()
	if err := Save(path, nb); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !Equal(got, nb) {
		t.Errorf("loaded notebook differs:\n%s", dump(got.Cells))
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v", st.Mode())
	}
	got.Cells[0].Source = "# Changed"
	if err := Save(path, got); err != nil {
		t.Fatal(err)
	}
	again, _ := Load(path)
	if again.Cells[0].Source != "# Changed" {
		t.Errorf("second save lost: %q", again.Cells[0].Source)
	}
	onlyFiles(t, dir, "n.cairn.md")
}

func TestSaveKeepsPermissionsAndSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.cairn.md")
	link := filepath.Join(dir, "link.cairn.md")
	os.WriteFile(real, []byte("# old\n"), 0o600)
	os.Chmod(real, 0o600)
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := Save(link, sample()); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("symlink replaced by a file")
	}
	st, _ := os.Stat(real)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if nb, err := Load(real); err != nil || nb.Meta.Title != "Saved" {
		t.Errorf("target not written: %v", err)
	}
	onlyFiles(t, dir, "link.cairn.md", "real.cairn.md")
}

func TestSaveRefusesToOverwriteABrokenFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "n.cairn.md")
	broken := []byte("# Half edited\n\n```go\nunclosed\n")
	os.WriteFile(path, broken, 0o644)
	err := Save(path, sample())
	if !errors.Is(err, ErrNotNotebook) {
		t.Fatalf("got %v, want ErrNotNotebook", err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 3 || pe.File != path {
		t.Errorf("error does not say where: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != string(broken) {
		t.Errorf("broken file was changed: %q", data)
	}
	onlyFiles(t, dir, "n.cairn.md")
	if err := SaveWith(path, sample(), SaveOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	if nb, err := Load(path); err != nil || nb.Meta.Title != "Saved" {
		t.Errorf("forced save did not replace the file: %v", err)
	}
}

func TestFailedSaveLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "n.cairn.md")
	old := []byte("<!-- cell id=x -->\nold text\n")
	os.WriteFile(path, old, 0o644)

	t.Run("write fails before the rename", func(t *testing.T) {
		sawTemp := false
		beforeRename = func(tmp string) error {
			// Mid-save: the new text sits in a temp file beside the old file.
			data, _ := os.ReadFile(path)
			sawTemp = filepath.Dir(tmp) == dir && string(data) == string(old)
			return errors.New("disk full")
		}
		defer func() { beforeRename = func(string) error { return nil } }()
		if err := Save(path, sample()); err == nil {
			t.Fatal("save succeeded")
		}
		if !sawTemp {
			t.Error("temp file not in the target's directory, or old file touched early")
		}
	})
	t.Run("invalid notebook", func(t *testing.T) {
		nb := sample()
		nb.Cells[1].ID = nb.Cells[0].ID
		if err := Save(path, nb); err == nil {
			t.Fatal("saved a notebook with duplicate ids")
		}
	})
	t.Run("target is a directory", func(t *testing.T) {
		if err := Save(dir, sample()); err == nil {
			t.Fatal("saved over a directory")
		}
	})
	t.Run("directory missing", func(t *testing.T) {
		if err := Save(filepath.Join(dir, "no", "n.cairn.md"), sample()); err == nil {
			t.Fatal("saved into a missing directory")
		}
	})
	if data, _ := os.ReadFile(path); string(data) != string(old) {
		t.Errorf("old file changed: %q", data)
	}
	onlyFiles(t, dir, "n.cairn.md")
}
