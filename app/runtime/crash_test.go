package runtime

import (
	"strings"
	"testing"
)

// Each way a cell can kill a Go process: the app survives, says what happened in one line, and
// a restarted kernel works with fresh state.
func TestKernelDeaths(t *testing.T) {
	cases := []struct {
		name, code string
		want       string // in the one-line reason
	}{
		{"goroutine panic", "import \"time\"\ngo func() { panic(\"boom in goroutine\") }()\ntime.Sleep(2 * time.Second)", "panic: boom in goroutine"},
		{"out of memory", "var keep [][]byte\nfor { keep = append(keep, make([]byte, 16<<20)) }", "out of memory"},
		{"infinite recursion", "func down(n int) int { return down(n+1) + 1 }\ndown(0)", "stack overflow"},
		{"os.Exit", "import \"os\"\nos.Exit(3)", "os.Exit(3)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := startKernel(t, Options{MemoryLimit: 512 << 20})
			if res, _ := run(t, k, "before := 1"); res.Status != OK {
				t.Fatalf("setup: %s %v", res.Status, res.Err)
			}
			res, rec := run(t, k, c.code)
			if out := rec.stream("stderr"); strings.Contains(out, "goroutine ") || len(out) > 200 {
				t.Errorf("the crash report leaked into the cell's output (%d bytes): %.300q", len(out), out)
			}
			if res.Status != Died {
				t.Fatalf("status %s (%v), want died", res.Status, res.Err)
			}
			if !strings.Contains(res.Reason, c.want) || strings.Contains(res.Reason, "\n") {
				t.Fatalf("reason %q: want one line containing %q", res.Reason, c.want)
			}
			if k.Alive() {
				t.Fatal("kernel reported dead but still alive")
			}
			if err := k.Restart(); err != nil {
				t.Fatal(err)
			}
			res, _ = run(t, k, "before")
			if res.Status != Failed || !strings.Contains(res.Err.Msg, "before") {
				t.Fatalf("restarted kernel should have fresh state: %s %v", res.Status, res.Err)
			}
			if res, rec := run(t, k, "2 * 21"); res.Status != OK || rec.result() != "42" {
				t.Fatalf("restarted kernel: %s %v %q", res.Status, res.Err, rec.result())
			}
		})
	}
}
