package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/notebook"
)

func write(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o640); err != nil {
		t.Fatal(err)
	}
	return path
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestConvertChainKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	src := "testdata/report.cairn.md"
	nbIpynb, back, page := filepath.Join(dir, "a.ipynb"), filepath.Join(dir, "b.cairn.md"), filepath.Join(dir, "c.html")
	for _, step := range [][2]string{{src, nbIpynb}, {nbIpynb, back}, {nbIpynb, page}} {
		if err := Convert(step[0], step[1], Options{}); err != nil {
			t.Fatalf("%s -> %s: %v", step[0], step[1], err)
		}
	}
	if read(t, back) != read(t, src) {
		t.Errorf(".cairn.md -> .ipynb -> .cairn.md changed the file")
	}
	if !strings.Contains(read(t, page), "<h1>Sales by region</h1>") {
		t.Errorf("the report made from the .ipynb lacks the title")
	}
}

// An existing OUT is replaced (like cp), keeping its permissions; no temporary file is left.
func TestConvertReplacesOutput(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"old.html", "old.ipynb", "old.cairn.md"} {
		out := write(t, filepath.Join(dir, name), "not a notebook\n")
		if err := Convert("testdata/report.cairn.md", out, Options{NoOutputs: true}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := read(t, out)
		if strings.Contains(got, "not a notebook") || strings.Contains(got, "1,231 more rows") || strings.Contains(got, "north\\\",120") {
			t.Errorf("%s: not replaced by the notebook without outputs:\n%.300s", name, got)
		}
		if st, _ := os.Stat(out); st.Mode().Perm() != 0o640 {
			t.Errorf("%s: permissions %v, want 0640 kept", name, st.Mode().Perm())
		}
	}
	if nb, err := notebook.Load(filepath.Join(dir, "old.cairn.md")); err != nil || len(nb.Cells) != 7 || len(nb.Cells[1].Outputs) != 0 {
		t.Errorf("--no-outputs .cairn.md: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("%d files in the folder, want 3 (a temporary file left behind?)", len(entries))
	}
}

func TestConvertErrors(t *testing.T) {
	dir := t.TempDir()
	nb := write(t, filepath.Join(dir, "nb.cairn.md"), read(t, "testdata/report.cairn.md"))
	broken := write(t, filepath.Join(dir, "broken.cairn.md"), "```go id=a\nunclosed\n")
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(nb, link); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		in, out string
		opt     Options
		want    string
	}{
		{nb, filepath.Join(dir, "out.pdf"), Options{}, "out.pdf: unknown format: the file name must end in .cairn.md (or .md), .ipynb or .html"},
		{filepath.Join(dir, "nb.txt"), filepath.Join(dir, "o.html"), Options{}, "nb.txt: unknown format"},
		{nb, nb, Options{}, "are the same file (to strip its outputs in place: cairn convert --no-outputs"},
		{nb, link, Options{}, "are the same file"},
		{filepath.Join(dir, "r.html"), filepath.Join(dir, "o.cairn.md"), Options{}, "an HTML report cannot be read back as a notebook"},
		{nb, filepath.Join(dir, "o.ipynb"), Options{HideCode: true}, "--hide-code applies to .html output only"},
		{filepath.Join(dir, "missing.cairn.md"), filepath.Join(dir, "o.ipynb"), Options{}, "missing.cairn.md: no such file or directory"},
		{broken, filepath.Join(dir, "o.ipynb"), Options{}, "broken.cairn.md:1: code fence opened here is never closed"},
		{write(t, filepath.Join(dir, "py.ipynb"), `{"nbformat":4,"metadata":{"kernelspec":{"name":"python3","language":"python"}},"cells":[]}`),
			filepath.Join(dir, "o.cairn.md"), Options{}, "py.ipynb: this is a python notebook"},
	}
	for _, c := range cases {
		err := Convert(c.in, c.out, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Convert(%s, %s) = %v, want an error with %q", filepath.Base(c.in), filepath.Base(c.out), err, c.want)
		}
		if _, serr := os.Stat(filepath.Join(dir, "o.cairn.md")); serr == nil {
			t.Fatalf("a failed conversion wrote its output")
		}
	}
	if read(t, nb) != read(t, "testdata/report.cairn.md") {
		t.Errorf("a failed conversion changed its input")
	}
}

func TestStripOutputsInPlace(t *testing.T) {
	dir := t.TempDir()
	nb := write(t, filepath.Join(dir, "nb.cairn.md"), read(t, "testdata/report.cairn.md"))
	if err := StripOutputs(nb); err != nil {
		t.Fatal(err)
	}
	got := read(t, nb)
	if strings.Contains(got, "```output") || !strings.Contains(got, "```sql id=load bind=sales\n") || !strings.HasPrefix(got, "---\nformat: 1\ntitle: Sales by region\n") {
		t.Errorf("outputs not stripped, or more was lost:\n%s", got)
	}
	if st, _ := os.Stat(nb); st.Mode().Perm() != 0o640 {
		t.Errorf("permissions %v, want 0640 kept", st.Mode().Perm())
	}
	const brokenText = "```go id=a\nunclosed\n"
	broken := write(t, filepath.Join(dir, "broken.cairn.md"), brokenText)
	if err := StripOutputs(broken); err == nil || !strings.Contains(err.Error(), "broken.cairn.md:1: code fence opened here is never closed") {
		t.Errorf("StripOutputs(broken) = %v", err)
	}
	if read(t, broken) != brokenText {
		t.Errorf("a notebook that does not parse was changed")
	}
	if err := StripOutputs(write(t, filepath.Join(dir, "x.ipynb"), "{}")); err == nil || !strings.Contains(err.Error(), "from .cairn.md notebooks only") {
		t.Errorf("StripOutputs(.ipynb) = %v", err)
	}
}
