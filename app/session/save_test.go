package session

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/app/notebook"
)

func TestAutosaveWithoutSave(t *testing.T) {
	opt := testOptions(t)
	opt.AutosaveDelay = 100 * time.Millisecond
	s, path := open(t, threeCells, opt)
	sub, _ := s.Subscribe()
	defer sub.Close()
	src := "x := 99"
	if err := s.UpdateCell("a", Patch{Source: &src}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, sub, 5*time.Second, func(ev Event) bool { return ev.Type == "saved" })
	nb, err := notebook.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if nb.Cell("a").Source != src || s.Snapshot().Dirty {
		t.Errorf("saved source %q, dirty %v", nb.Cell("a").Source, s.Snapshot().Dirty)
	}
}

// A kernel crash during a run loses no edit: those made before and during the run are in
// the file afterwards, and running a cell starts a fresh kernel.
func TestKernelCrashLosesNoEdit(t *testing.T) {
	opt := testOptions(t)
	opt.AutosaveDelay = 100 * time.Millisecond
	s, path := open(t, "```go id=crash\nimport \"time\"\ngo func() { time.Sleep(500 * time.Millisecond); panic(\"kaboom\") }()\ntime.Sleep(5 * time.Second)\n```\n\n```go id=b\n1\n```\n\n```go id=c\n2\n```\n", opt)
	sub, _ := s.Subscribe()
	defer sub.Close()
	before, during := "before := 1", "during := 2"
	s.UpdateCell("b", Patch{Source: &before})
	if err := s.Run("crash", "c"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, sub, 30*time.Second, cellIs("crash", "running"))
	s.UpdateCell("c", Patch{Source: &during})
	evs := waitFor(t, sub, 30*time.Second, cellIs("crash", "error"))
	waitFor(t, sub, 5*time.Second, kernelIs(KernelDead))
	snap := s.Snapshot()
	if e := snap.Cells[0].Error; e == nil || e.Kind != "died" || !strings.Contains(e.Msg, "kaboom") {
		t.Errorf("crash error %+v", e)
	}
	if !strings.Contains(snap.Kernel.Reason, "kaboom") || snap.Cells[2].State != CellIdle {
		t.Errorf("kernel %+v, queued cell %+v; events %s", snap.Kernel, snap.Cells[2], dump(evs))
	}
	waitFor(t, sub, 5*time.Second, func(ev Event) bool { return ev.Type == "saved" })
	nb, err := notebook.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if nb.Cell("b").Source != before || nb.Cell("c").Source != during {
		t.Errorf("saved sources %q, %q", nb.Cell("b").Source, nb.Cell("c").Source)
	}
	if outs := nb.Cell("crash").Outputs; len(outs) == 0 || outs[len(outs)-1].Kind != "error" {
		t.Errorf("saved crash outputs %+v", outs)
	}
	if err := s.Run("b"); err != nil {
		t.Fatalf("Run on a dead kernel: %v", err)
	}
	waitFor(t, sub, 30*time.Second, cellIs("b", "done"))
	if k := s.Snapshot().Kernel; k.State != KernelIdle {
		t.Errorf("after the run on a fresh kernel: %+v", k)
	}
}

// A file that no longer parses is never overwritten; the edits stay in memory.
func TestSaveRefusesBrokenFile(t *testing.T) {
	opt := testOptions(t)
	opt.AutosaveDelay = 50 * time.Millisecond
	s, path := open(t, threeCells, opt)
	sub, _ := s.Subscribe()
	defer sub.Close()
	broken := []byte("```go id=a\nunclosed fence\n")
	os.WriteFile(path, broken, 0o644)
	src := "kept := true"
	s.UpdateCell("a", Patch{Source: &src})
	ev := waitFor(t, sub, 5*time.Second, func(ev Event) bool { return ev.Type == "save_failed" })
	if msg := asMap(ev[len(ev)-1].Data)["error"].(string); !strings.Contains(msg, "does not parse") {
		t.Errorf("save_failed says %q", msg)
	}
	if err := s.Save(); !errors.Is(err, notebook.ErrNotNotebook) {
		t.Errorf("Save: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(broken) {
		t.Error("the broken file was overwritten")
	}
	snap := s.Snapshot()
	if !snap.Dirty || snap.SaveError == "" || snap.Cells[1].Source != src {
		t.Errorf("snapshot lost the edit or the error: %+v", snap)
	}
	// Saving elsewhere works and makes that the notebook's file.
	if err := s.SaveAs("other.cairn.md"); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(filepath.Dir(path), "other.cairn.md")
	if nb, err := notebook.Load(other); err != nil || nb.Cell("a").Source != src || s.Path() != other {
		t.Errorf("save as: %v, path %s", err, s.Path())
	}
	if err := s.SaveAs("notes.txt"); !errors.Is(err, ErrBadInput) {
		t.Errorf("save as .txt: %v", err)
	}
}

func TestCreateSavesOnClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Untitled.cairn.md")
	if _, err := Open(path, testOptions(t)); err == nil {
		t.Fatal("opening a missing file without Create succeeded")
	}
	opt := testOptions(t)
	opt.Create = true
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the new notebook was written before any save")
	}
	if _, err := s.InsertCell(0, "code", "go", "fmt.Println(1)"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	nb, err := notebook.Load(path)
	if err != nil || len(nb.Cells) != 1 || nb.Cells[0].Source != "fmt.Println(1)" {
		t.Fatalf("after close: %v %+v", err, nb)
	}
	if _, err := s.InsertCell(0, "code", "go", ""); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("edit after close: %v", err)
	}
}

func TestManagerSwitches(t *testing.T) {
	s, path := open(t, threeCells, testOptions(t))
	dir := filepath.Dir(path)
	os.WriteFile(filepath.Join(dir, "two.cairn.md"), []byte("```go id=only\n1\n```\n"), 0o644)
	m := NewManager(s, testOptions(t))
	sub, _ := s.Subscribe()
	src := "edited := 1"
	s.UpdateCell("a", Patch{Source: &src})
	if err := m.Open("missing.cairn.md"); err == nil || m.Current() != s {
		t.Fatalf("opening a missing notebook: %v", err)
	}
	if err := m.Open("two.cairn.md"); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, open := <-drain(sub); open || sub.Dropped() {
		t.Error("the old session's subscription did not end plainly")
	}
	if got := ids(m.Current()); got != "only" {
		t.Errorf("current notebook cells %s", got)
	}
	if nb, _ := notebook.Load(path); nb.Cell("a").Source != src {
		t.Error("switching did not save the old notebook's edit")
	}
}
