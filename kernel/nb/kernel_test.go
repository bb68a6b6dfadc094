package nb_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/app/runtime"
	"github.com/cairn-notebook/cairn/kernel/kerneltest"
	"github.com/cairn-notebook/cairn/kernel/nb"
)

// Kernels are started from a real cairn binary.
func TestMain(m *testing.M) { kerneltest.Main(m) }

type events struct {
	mu  sync.Mutex
	all []runtime.Event
}

func (e *events) sink(ev runtime.Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.all = append(e.all, ev)
}

func (e *events) list() []runtime.Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]runtime.Event(nil), e.all...)
}

// A cell's progress bar and HTML display reach the app through a real kernel process, in
// order with what the cell prints, and a goroutine's update after the cell ended still does.
func TestDisplaysThroughKernel(t *testing.T) {
	k, err := runtime.Start(runtime.Options{Exe: kerneltest.Exe(t), MemoryLimit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	rec := &events{}
	res := k.Execute(context.Background(), "c1", "go", `import ("fmt"; "time"; "cairn/nb")
fmt.Println("before")
bar := nb.Progress(40, "work")
for range 40 {
	time.Sleep(10 * time.Millisecond)
	bar.Add(1)
}
bar.Done()
nb.Display(nb.HTML("<b>done</b>"))
fmt.Println("after")
id := nb.DisplayID()
nb.Update(id, "waiting")
go func() { time.Sleep(300 * time.Millisecond); nb.Update(id, nb.Markdown("*late*")) }()`, nil, rec.sink)
	if res.Status != runtime.OK {
		t.Fatalf("cell: %+v", res)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(rec.list()) == 0 || rec.list()[len(rec.list())-1].Data["text/markdown"] == "" {
		if time.Now().After(deadline) {
			t.Fatalf("the late update never came: %+v", rec.list())
		}
		time.Sleep(20 * time.Millisecond)
	}

	var kinds []string
	var barID string
	var dones []int64
	for _, ev := range rec.list() {
		switch {
		case ev.Kind == "stream":
			kinds = append(kinds, strings.TrimSpace(ev.Text))
		case ev.Data[nb.ProgressMIME] != "":
			var st struct{ Done, Total int64 }
			if err := json.Unmarshal([]byte(ev.Data[nb.ProgressMIME]), &st); err != nil || st.Total != 40 {
				t.Fatalf("progress data %q: %v", ev.Data[nb.ProgressMIME], err)
			}
			if barID == "" {
				barID = ev.DisplayID
			}
			if ev.DisplayID != barID || (ev.Kind == "display") != (len(dones) == 0) {
				t.Fatalf("bar event %s %q, want one display then updates of %q", ev.Kind, ev.DisplayID, barID)
			}
			dones = append(dones, st.Done)
			if len(dones) == 1 {
				kinds = append(kinds, "bar")
			}
		default:
			kinds = append(kinds, ev.Kind+":"+ev.Data["text/html"]+ev.Data["text/plain"]+ev.Data["text/markdown"])
		}
	}
	// Printed output and displays arrive in the order the cell made them.
	want := "before|bar|display:<b>done</b>|after|display:waiting|update_display:*late**late*"
	if got := strings.Join(kinds, "|"); got != want {
		t.Errorf("events\n%s\nwant\n%s", got, want)
	}
	// 400 ms of work: some updates in between (about one per 100 ms), and the full bar last.
	if len(dones) < 3 || len(dones) > 12 || dones[len(dones)-1] != 40 || barID == "" {
		t.Errorf("bar updates: done = %v, id %q", dones, barID)
	}
}
