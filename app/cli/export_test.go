package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exportNotebook trains a logistic regression on numeric, string and bool features, then
// writes the test rows and the notebook's own predictions of them to test.json.
const exportNotebook = `---
title: Churn
problem:
  what: Which customers will leave.
  who_asks: The retention team.
---

` + "```go" + `
import (
	"encoding/json"
	"os"

	"cairn/ml"
	"cairn/ml/linear"
)
` + "```" + `

` + "```go" + `
var trainRows, testRows []map[string]any
age, spend, color, member, churn := []float64{}, []float64{}, []string{}, []bool{}, []string{}
for i := 0; i < 400; i++ {
	a := float64(18 + (i*7)%60)
	s := float64((i*37)%1000) / 10
	c := []string{"red", "green", "blue", "black"}[i%4]
	m := i%3 == 0
	y := "stays"
	if a/80+s/200+float64(i%4)/8 > 1 {
		y = "leaves"
	}
	row := map[string]any{"age": a, "spend": s, "color": c, "member": m}
	if i%4 == 1 {
		testRows = append(testRows, row)
		continue
	}
	age, spend, color, member, churn = append(age, a), append(spend, s), append(color, c), append(member, m), append(churn, y)
}
ds, err := ml.NewDataset([]ml.Column{ml.Floats("age", age), ml.Floats("spend", spend), ml.Strings("color", color),
	ml.Bools("member", member), ml.Strings("churn", churn)}, "churn")
if err != nil {
	panic(err)
}
model, err := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{Seed: 1})
if err != nil {
	panic(err)
}
` + "```" + `

` + "```go" + `
preds, err := model.PredictBatch(testRows)
if err != nil {
	panic(err)
}
b, _ := json.Marshal(map[string]any{"rows": testRows, "predictions": preds})
if err := os.WriteFile("test.json", b, 0o644); err != nil {
	panic(err)
}
notAModel := 3
` + "```" + `
`

// The whole export: a real notebook run by cairn export, the binary started with no Go on
// PATH, its predictions equal to the notebook's for every test row.
func TestExportEndToEnd(t *testing.T) {
	path := writeNotebook(t, exportNotebook)
	dir := filepath.Dir(path)
	svc := filepath.Join(dir, "churn-svc")
	start := time.Now()
	out, errs, code := cairn(t, "export", path, "--model", "model", "--out", svc)
	if code != 0 {
		t.Fatalf("cairn export: %d\n%s\n%s", code, out, errs)
	}
	t.Logf("export (notebook run included) took %s: %s", time.Since(start), strings.TrimSpace(out))
	if !strings.Contains(out, "wrote "+svc) || !strings.Contains(out, "MB") {
		t.Errorf("summary: %q", out)
	}
	if ft, err := exec.Command("file", svc).Output(); err != nil || !strings.Contains(string(ft), "statically linked") {
		t.Errorf("file %s: %s %v", svc, ft, err)
	}

	var want struct {
		Rows        []map[string]any
		Predictions []struct {
			Label string
			Proba []float64
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "test.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil || len(want.Rows) != 100 || len(want.Predictions) != 100 {
		t.Fatalf("test.json: %v, %d rows", err, len(want.Rows))
	}

	addr := startExported(t, svc)
	body, _ := json.Marshal(map[string]any{"rows": want.Rows})
	resp, err := http.Post("http://"+addr+"/predict", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Predictions   []string
		Probabilities [][]float64
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != 200 {
		t.Fatalf("predict: %d %v", resp.StatusCode, err)
	}
	for i, p := range want.Predictions {
		if got.Predictions[i] != p.Label || fmt.Sprint(got.Probabilities[i]) != fmt.Sprint(p.Proba) {
			t.Errorf("row %d: service %s %v, notebook %s %v", i, got.Predictions[i], got.Probabilities[i], p.Label, p.Proba)
		}
	}
	resp, err = http.Get("http://" + addr + "/model")
	if err != nil {
		t.Fatal(err)
	}
	var card map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&card)
	resp.Body.Close()
	if p, _ := card["problem"].(string); !strings.Contains(p, "Which customers will leave.") {
		t.Errorf("the notebook's problem card is not in the model card: %v", card)
	}

	// Every target is in this cairn and writes a binary of its platform.
	for target, kind := range map[string]string{"linux/amd64": "x86-64", "linux/arm64": "aarch64",
		"darwin/amd64": "Mach-O 64-bit x86_64", "darwin/arm64": "Mach-O 64-bit arm64", "windows/amd64": "PE32+"} {
		p := filepath.Join(dir, strings.ReplaceAll(target, "/", "-"))
		if out, errs, code := cairn(t, "export", path, "--model", "model", "--out", p, "--target", target); code != 0 {
			t.Fatalf("--target %s: %d %s %s", target, code, out, errs)
		}
		if ft, _ := exec.Command("file", p).Output(); !strings.Contains(string(ft), kind) {
			t.Errorf("--target %s: file says %s", target, ft)
		}
	}
}

// startExported runs an exported service with no Go on PATH and waits for /readyz.
func startExported(t *testing.T, svc string) string {
	t.Helper()
	cmd := exec.Command(svc, "--addr", "127.0.0.1:0")
	cmd.Env = []string{"PATH=/nonexistent"}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(stderr)
	var addr string
	for addr == "" && sc.Scan() {
		var rec struct{ Msg, Addr string }
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Msg == "listening" {
			addr = rec.Addr
		}
	}
	if addr == "" {
		t.Fatalf("the exported service did not start")
	}
	go func() { // keep draining its log
		for sc.Scan() {
		}
	}()
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil && resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
		if time.Since(started) > 10*time.Second {
			t.Fatalf("/readyz: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("start to ready: %s", time.Since(started))
	return addr
}

// Refusals: a variable that is missing or not a model, a bad target, missing flags, a failing
// cell; none leaves a file behind.
func TestExportRefusals(t *testing.T) {
	path := writeNotebook(t, exportNotebook)
	out := filepath.Join(filepath.Dir(path), "svc")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", path, "--model", "nosuch", "--out", out}, 1, "no variable nosuch"},
		{[]string{"export", path, "--model", "notAModel", "--out", out}, 1, "notAModel is a int, not a model"},
		{[]string{"export", path, "--model", "model", "--out", out, "--target", "plan9/386"}, 2, "unknown target"},
		{[]string{"export", path, "--out", out}, 2, "--model NAME is required"},
		{[]string{"export", path, "--model", "model"}, 2, "--out PATH is required"},
		{[]string{"export", "--model", "model", "--out", out}, 2, "one NOTEBOOK"},
		{[]string{"export", path, "--model", "model", "--out", filepath.Dir(path)}, 1, "is a directory"},
	}
	for _, c := range cases {
		stdout, stderr, code := cairn(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("cairn %s: exit %d, want %d with %q\n%s%s", strings.Join(c.args, " "), code, c.code, c.want, stdout, stderr)
		}
	}
	broken := writeNotebook(t, "# Broken\n\n```go id=boom\npanic(\"no data\")\n```\n")
	if _, stderr, code := cairn(t, "export", broken, "--model", "m", "--out", out); code != 1 ||
		!strings.Contains(stderr, "cell boom") || !strings.Contains(stderr, "no data") {
		t.Errorf("a failing cell: exit %d\n%s", code, stderr)
	}
	// The notebook's kernel.timeout holds for export as for run.
	slow := writeNotebook(t, "---\nkernel:\n  timeout: 1s\n---\n\n```go id=slow\nimport \"time\"\ntime.Sleep(time.Minute)\n```\n")
	if _, stderr, code := cairn(t, "export", slow, "--model", "m", "--out", out); code != 1 || !strings.Contains(stderr, "timed out after 1s") {
		t.Errorf("a run over kernel.timeout: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused export left %s behind: %v", out, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
