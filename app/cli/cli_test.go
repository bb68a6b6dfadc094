package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/kernel/kerneltest"
)

// The tests run the real cairn binary, as a user would.
func TestMain(m *testing.M) { kerneltest.Main(m) }

// cairn runs the command line in a child process, as a user would.
func cairn(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(kerneltest.Exe(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func writeNotebook(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nb.cairn.md")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunExampleNotebook(t *testing.T) {
	out, errs, code := cairn(t, "run", "../../notebooks/malware.cairn.md", "--param", "rows=500")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	for _, want := range []string{"500\n", "rule of thumb: recall", "exe "} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	// The example grows with each issue: check the shape of the progress, not the cell count.
	if n := strings.Count(errs, "      ok ("); n < 4 || !strings.Contains(errs, fmt.Sprintf("[1/%d] cell schema", n)) || !strings.Contains(errs, fmt.Sprintf("%d cells ran", n)) {
		t.Errorf("stderr lacks progress:\n%s", errs)
	}
}

const failing = "---\nparams:\n  n: 3\n---\n# Title\n\n```go id=first\nfmt.Println(\"first\", n)\n```\n\n```go id=second\nx := 1\ny := x + missing\n```\n\n```go id=third\nfmt.Println(\"third\")\n```\n"

func TestRunFailingCell(t *testing.T) {
	path := writeNotebook(t, strings.Replace(failing, "fmt.Println(\"first\"", "import \"fmt\"\nfmt.Println(\"first\"", 1))
	before, _ := os.ReadFile(path)
	out, errs, code := cairn(t, "run", path, "--param", "n=7")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "first 7") || strings.Contains(out, "third") {
		t.Errorf("stdout: want the first cell's output and not the third's:\n%s", out)
	}
	// The error names the cell, the notebook line of the failing statement, and the problem.
	if !strings.Contains(errs, "cell second ("+path+":14) failed") || !strings.Contains(errs, "missing") {
		t.Errorf("stderr does not name cell, line and error:\n%s", errs)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("cairn run changed the notebook file")
	}
}

func TestRunOutputFile(t *testing.T) {
	path := writeNotebook(t, "```go id=a\nimport \"fmt\"\nfmt.Println(\"hello\")\n6 * 7\n```\n")
	outPath := filepath.Join(t.TempDir(), "out.cairn.md")
	if _, errs, code := cairn(t, "run", path, "--output", outPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	nb, err := notebook.Load(outPath)
	if err != nil {
		t.Fatal(err)
	}
	outs := nb.CodeCells()[0].Outputs
	if len(outs) != 2 || outs[0].Text != "hello\n" || outs[1].Data["text/plain"] != "42" {
		t.Fatalf("saved outputs %+v", outs)
	}
}

// --html writes the run's report, also when a cell fails (the report shows the error).
func TestRunHTMLReport(t *testing.T) {
	path := writeNotebook(t, "# Report\n\n```go id=a\n6 * 7\n```\n\n```go id=b\nundefinedThing\n```\n")
	htmlPath := filepath.Join(t.TempDir(), "report.html")
	if _, errs, code := cairn(t, "run", path, "--html", htmlPath); code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<html", "Report", "42", "undefinedThing"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if _, errs, code := cairn(t, "run", path, "--html", filepath.Join(t.TempDir(), "no", "such", "dir", "r.html")); code != 1 || !strings.Contains(errs, "writing the HTML report") {
		t.Errorf("unwritable report: exit %d, %s", code, errs)
	}
}

func TestRunBadInput(t *testing.T) {
	cases := []struct {
		name string
		args func(path string) []string
		nb   string
		code int
		want string
	}{
		{"unknown param", func(p string) []string { return []string{"run", p, "--param", "nope=1"} }, failing, 2, `no parameter "nope" (it declares: n)`},
		{"bad param type", func(p string) []string { return []string{"run", p, "--param", "n=abc"} }, failing, 2, `"abc" is not an integer`},
		{"malformed notebook", func(p string) []string { return []string{"run", p} }, "# x\n\n```go id=a\nfmt.Println(1)\n", 1, ":3:"},
		{"missing file", func(p string) []string { return []string{"run", p + ".nope"} }, failing, 1, "no such file"},
		{"no argument", func(string) []string { return []string{"run"} }, failing, 2, "expected one NOTEBOOK"},
		{"timeout", func(p string) []string { return []string{"run", p, "--timeout", "300ms"} }, "```go id=spin\nfor {}\n```\n", 1, "timed out"},
		{"kernel death", func(p string) []string { return []string{"run", p} }, "```go id=crash\nimport \"time\"\ngo func() { panic(\"kaboom\") }()\ntime.Sleep(time.Second)\n```\n", 1, "panic: kaboom"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeNotebook(t, c.nb)
			before, _ := os.ReadFile(path)
			_, errs, code := cairn(t, c.args(path)...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d (want %d), stderr:\n%s\nwant it to contain %q", code, c.code, errs, c.want)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the notebook file changed")
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	out, _, code := cairn(t, "--help")
	if code != 0 || !strings.Contains(out, "run ") || !strings.Contains(out, "version") || strings.Contains(out, "\n  kernel") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	out, _, code = cairn(t, "run", "--help")
	if code != 0 || !strings.Contains(out, "-param") || !strings.Contains(out, "-timeout") {
		t.Errorf("run --help: exit %d\n%s", code, out)
	}
	out, _, code = cairn(t, "version")
	if code != 0 || !strings.HasPrefix(out, "cairn ") {
		t.Errorf("version: exit %d %q", code, out)
	}
	if _, errs, code := cairn(t, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: exit %d %q", code, errs)
	}
}

// Ctrl-C interrupts the running cell, and the run ends with the conventional status 130.
func TestRunInterruptedByCtrlC(t *testing.T) {
	path := writeNotebook(t, "```go id=spin\nn := 0\nfor { n++ }\n```\n")
	cmd := exec.Command(kerneltest.Exe(t), "run", path)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	buf := make([]byte, 4096)
	for !strings.Contains(got.String(), "[1/1] cell spin") {
		n, err := stderr.Read(buf)
		if err != nil {
			t.Fatalf("no progress line before %v: %q", err, got.String())
		}
		got.Write(buf[:n])
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stderr)
	got.Write(rest)
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 130 || !strings.Contains(got.String(), "interrupted") {
		t.Fatalf("exit %v, stderr:\n%s", err, got.String())
	}
}
