package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/kernel/protocol"
)

// tableOf runs a SQL cell and returns the handle of the table it shows.
func tableOf(t *testing.T, k *Kernel, query string) string {
	t.Helper()
	rec := &recorder{}
	if res := k.Execute(context.Background(), "q", "sql", query, nil, rec.sink); res.Status != OK {
		t.Fatalf("SQL cell: %s %v %s", res.Status, res.Err, res.Reason)
	}
	for _, ev := range rec.events {
		if js, ok := ev.Data[TableMIME]; ok {
			var p struct{ Handle string }
			if err := json.Unmarshal([]byte(js), &p); err != nil || p.Handle == "" {
				t.Fatalf("table output %q: %v", js, err)
			}
			return p.Handle
		}
	}
	t.Fatalf("the SQL cell showed no table: %+v", rec.events)
	return ""
}

// Pages load while a Go cell runs, each answer reaches the request that asked for it, and a
// refusal is the kernel's error.
func TestTablePageWhileCellRuns(t *testing.T) {
	k := startKernel(t, Options{})
	h := tableOf(t, k, "select range as i from range(1000)")

	running := make(chan Result, 1)
	go func() {
		running <- k.Execute(context.Background(), "slow", "go", "import \"time\"\ntime.Sleep(2 * time.Second)", nil, func(Event) {})
	}()
	time.Sleep(200 * time.Millisecond) // the Go cell is running now
	start := time.Now()
	type answer struct {
		page string
		err  error
	}
	answers := make([]chan answer, 8)
	for i := range answers {
		answers[i] = make(chan answer, 1)
		go func() {
			page, err := k.TablePage(context.Background(), h, i*100, 2, "i", i%2 == 1)
			answers[i] <- answer{page, err}
		}()
	}
	for i, c := range answers {
		a := <-c
		var p struct{ Page [][]float64 }
		if a.err != nil || json.Unmarshal([]byte(a.page), &p) != nil || len(p.Page) != 2 {
			t.Fatalf("page %d: %v %q", i, a.err, a.page)
		}
		want := float64(i * 100)
		if i%2 == 1 {
			want = float64(999 - i*100)
		}
		if p.Page[0][0] != want {
			t.Errorf("page %d starts with %v, want %v (answers crossed?)", i, p.Page[0][0], want)
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("pages took %v while a cell ran: they waited for it", d)
	}
	if res := <-running; res.Status != OK {
		t.Fatalf("the running cell: %s %v", res.Status, res.Err)
	}

	_, err := k.TablePage(context.Background(), "r999", 0, 10, "", false)
	var perr *protocol.Error
	if !errors.As(err, &perr) || !strings.Contains(perr.Msg, "r999") {
		t.Errorf("unknown handle: %v, want the kernel's error naming it", err)
	}
	if _, err := k.TablePage(context.Background(), h, 0, 10, "nope", false); !errors.As(err, &perr) {
		t.Errorf("unknown column: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := k.TablePage(ctx, h, 0, 10, "", false); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	// A refused or abandoned request leaves the next cell's result intact.
	if res, rec := run(t, k, "40 + 2"); res.Status != OK || rec.result() != "42" {
		t.Errorf("next cell: %s %v %q", res.Status, res.Err, rec.result())
	}
}

func TestTablePageDeadKernel(t *testing.T) {
	k := startKernel(t, Options{})
	if res, _ := run(t, k, "import \"os\"\nos.Exit(3)"); res.Status != Died {
		t.Fatalf("os.Exit: %s", res.Status)
	}
	if _, err := k.TablePage(context.Background(), "r1", 0, 10, "", false); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("dead kernel: %v, want ErrNotRunning", err)
	}
}

// A profile loads while a Go cell runs; an unknown handle is the kernel's error; a dead
// kernel is ErrNotRunning.
func TestProfileWhileCellRuns(t *testing.T) {
	k := startKernel(t, Options{})
	h := tableOf(t, k, "select range as i, range % 3 as m from range(1000)")
	running := make(chan Result, 1)
	go func() {
		running <- k.Execute(context.Background(), "slow", "go", "import \"time\"\ntime.Sleep(time.Second)", nil, func(Event) {})
	}()
	time.Sleep(200 * time.Millisecond)
	js, err := k.Profile(context.Background(), h)
	var p struct {
		Rows    int
		Columns []struct {
			Name     string
			Distinct int
			Mean     float64
		}
	}
	if err != nil || json.Unmarshal([]byte(js), &p) != nil || p.Rows != 1000 || p.Columns[0].Mean != 499.5 || p.Columns[1].Distinct != 3 {
		t.Fatalf("profile: %v %s", err, js)
	}
	select {
	case <-running:
		t.Error("the profile waited for the running cell")
	default:
	}
	<-running
	var perr *protocol.Error
	if _, err := k.Profile(context.Background(), "r999"); !errors.As(err, &perr) || perr.Kind != "unknown_handle" {
		t.Errorf("unknown handle: %v", err)
	}
	if res, _ := run(t, k, "import \"os\"\nos.Exit(3)"); res.Status != Died {
		t.Fatalf("os.Exit: %s", res.Status)
	}
	if _, err := k.Profile(context.Background(), h); !errors.Is(err, ErrNotRunning) {
		t.Errorf("dead kernel: %v", err)
	}
}
