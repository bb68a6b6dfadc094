package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/kernel/nb"
)

const progressNotebook = "```go id=train\n" + `import ("fmt"; "time"; "cairn/nb")
bar := nb.Progress(300, "train")
for range 300 {
	time.Sleep(4 * time.Millisecond)
	bar.Add(1)
}
bar.Done()
nb.Display(nb.HTML("<b>trained</b>"))
fmt.Println("end")
` + "```\n"

// A progress bar in `cairn run` is a few lines on a pipe, and --output saves its final state
// as one display output (updates replace it, they are not appended).
func TestRunProgressBar(t *testing.T) {
	path := writeNotebook(t, progressNotebook)
	outPath := filepath.Join(t.TempDir(), "out.cairn.md")
	out, errs, code := cairn(t, "run", path, "--output", outPath)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	var bars []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "train  ") {
			bars = append(bars, l)
		}
	}
	if len(bars) < 2 || len(bars) > 12 || !strings.HasPrefix(bars[len(bars)-1], "train  300/300 [====================] ") ||
		!strings.HasPrefix(bars[0], "train  0/300 [>") {
		t.Errorf("bar lines %q in stdout:\n%s", bars, out)
	}
	if !strings.Contains(out, "<text/html>\n") || !strings.Contains(out, "end\n") || strings.Contains(out, "\r") {
		t.Errorf("stdout:\n%s", out)
	}

	saved, err := notebook.Load(outPath)
	if err != nil {
		t.Fatal(err)
	}
	var displays []notebook.Output
	for _, o := range saved.CodeCells()[0].Outputs {
		if o.Kind == "display" {
			displays = append(displays, o)
		}
	}
	if len(displays) != 2 || displays[1].Data["text/html"] != "<b>trained</b>" {
		t.Fatalf("saved displays %+v", displays)
	}
	var st struct {
		Done, Total int64
		Finished    bool
	}
	if err := json.Unmarshal([]byte(displays[0].Data[nb.ProgressMIME]), &st); err != nil || st.Done != 300 || !st.Finished ||
		!strings.HasPrefix(displays[0].Data["text/plain"], "train  300/300") {
		t.Errorf("saved bar %+v (%v)", displays[0].Data, err)
	}
}
