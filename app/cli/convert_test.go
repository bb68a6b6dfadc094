package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/notebook"
)

const reportNotebook = "../convert/testdata/report.cairn.md"

// cairn convert by extension: .cairn.md -> .ipynb -> .cairn.md is the same file, and the
// .html report is one page with the chart and ECharts in it.
func TestConvertCommand(t *testing.T) {
	dir := t.TempDir()
	ipynb, back, page := filepath.Join(dir, "nb.ipynb"), filepath.Join(dir, "back.cairn.md"), filepath.Join(dir, "nb.html")
	for _, args := range [][]string{{reportNotebook, ipynb}, {ipynb, back}, {"--hide-code", reportNotebook, page}} {
		if out, errs, code := cairn(t, append([]string{"convert"}, args...)...); code != 0 || out != "" || errs != "" {
			t.Fatalf("cairn convert %v: exit %d\n%s%s", args, code, out, errs)
		}
	}
	want, _ := os.ReadFile(reportNotebook)
	if got, _ := os.ReadFile(back); string(got) != string(want) {
		t.Errorf("the round trip through .ipynb changed the notebook:\n%s", got)
	}
	html, _ := os.ReadFile(page)
	for _, s := range []string{`<body class="hide-code">`, `class="output chart" data-chart`, `version="6.1.0"`} {
		if !strings.Contains(string(html), s) {
			t.Errorf("the report lacks %q", s)
		}
	}
}

// --no-outputs with one argument strips in place; a file that does not parse is untouched.
func TestConvertNoOutputsInPlace(t *testing.T) {
	text, _ := os.ReadFile(reportNotebook)
	path := writeNotebook(t, string(text))
	if out, errs, code := cairn(t, "convert", "--no-outputs", path); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	nb, err := notebook.Load(path)
	if err != nil || len(nb.Cells) != 7 || strings.Contains(string(mustRead(t, path)), "```output") {
		t.Errorf("after stripping: %v\n%s", err, mustRead(t, path))
	}
	broken := writeNotebook(t, "```go id=a\nnever closed\n")
	_, errs, code := cairn(t, "convert", broken, "--no-outputs")
	if code != 1 || !strings.Contains(errs, "cairn convert: "+broken+":1: code fence opened here is never closed") {
		t.Errorf("broken notebook: exit %d, stderr %q", code, errs)
	}
	if got := string(mustRead(t, broken)); got != "```go id=a\nnever closed\n" {
		t.Errorf("a notebook that does not parse was changed: %q", got)
	}
}

func TestConvertBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{reportNotebook}, 2, "expected IN OUT (or --no-outputs NB.cairn.md)"},
		{[]string{reportNotebook, filepath.Join(dir, "a.docx")}, 1, "a.docx: unknown format: the file name must end in .cairn.md (or .md), .ipynb or .html"},
		{[]string{reportNotebook, reportNotebook}, 1, "are the same file"},
		{[]string{filepath.Join(dir, "none.ipynb"), filepath.Join(dir, "x.html")}, 1, "none.ipynb: no such file or directory"},
		{[]string{"--frobnicate", reportNotebook, filepath.Join(dir, "x.html")}, 2, "flag provided but not defined: -frobnicate"},
	}
	for _, c := range cases {
		out, errs, code := cairn(t, append([]string{"convert"}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) || out != "" {
			t.Errorf("cairn convert %v: exit %d (want %d), stderr %q (want %q)", c.args, code, c.code, errs, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed conversions left %d files", len(entries))
	}
	out, _, code := cairn(t, "convert", "--help")
	if code != 0 || !strings.Contains(out, "Usage: cairn convert IN OUT") || !strings.Contains(out, "OUT is replaced if it exists, as cp does") {
		t.Errorf("convert --help: exit %d\n%s", code, out)
	}
	if out, _, _ := cairn(t, "--help"); !strings.Contains(out, "  convert  ") {
		t.Errorf("cairn --help does not list convert:\n%s", out)
	}
}

// `cairn run --output` leaves outputs out when the notebook says save.outputs: false.
func TestRunOutputRespectsSaveSetting(t *testing.T) {
	path := writeNotebook(t, "---\nsave:\n  outputs: false\n---\n\n```go id=a\nimport \"fmt\"\nfmt.Println(\"hello\")\n```\n")
	out := filepath.Join(filepath.Dir(path), "ran.cairn.md")
	stdout, errs, code := cairn(t, "run", path, "--output", out)
	if code != 0 || stdout != "hello\n" {
		t.Fatalf("exit %d\n%s%s", code, stdout, errs)
	}
	if got := string(mustRead(t, out)); strings.Contains(got, "```output") || !strings.Contains(got, "fmt.Println") {
		t.Errorf("--output with save.outputs: false:\n%s", got)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
