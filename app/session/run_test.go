package session

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/app/notebook"
)

const streaming = "```go id=slow\nimport (\"fmt\"; \"time\")\nfor i := range 5 {\n\tfmt.Println(\"tick\", i)\n\ttime.Sleep(150 * time.Millisecond)\n}\n```\n\n# note\n\n```go id=fast\n6 * 7\n```\n"

func TestRunOrderStatesAndStreaming(t *testing.T) {
	s, _ := open(t, streaming, testOptions(t))
	sub, _ := s.Subscribe()
	defer sub.Close()
	if err := s.RunAll(); err != nil {
		t.Fatal(err)
	}
	evs := waitFor(t, sub, 30*time.Second, cellIs("fast", "done"))
	var order []string
	var ticksBeforeDone int
	slowDone := false
	for _, ev := range evs {
		m := asMap(ev.Data)
		switch ev.Type {
		case "cell":
			order = append(order, m["id"].(string)+":"+m["state"].(string))
			slowDone = slowDone || (m["id"] == "slow" && m["state"] == "done")
		case "output":
			if o := m["output"].(map[string]any); m["id"] == "slow" && o["kind"] == "stream" && !slowDone {
				ticksBeforeDone += strings.Count(o["text"].(string), "tick")
			}
		}
	}
	if got := strings.Join(order, " "); got != "slow:queued fast:queued slow:running slow:done fast:running fast:done" {
		t.Errorf("state order: %s", got)
	}
	if ticksBeforeDone != 5 {
		t.Errorf("%d ticks streamed before the cell ended, want 5", ticksBeforeDone)
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].Seq != evs[i-1].Seq+1 {
			t.Fatalf("event seq not consecutive: %d then %d", evs[i-1].Seq, evs[i].Seq)
		}
	}
	snap := s.Snapshot()
	slow, fast := snap.Cells[0], snap.Cells[2]
	if slow.ExecCount != 1 || fast.ExecCount != 2 || slow.DurationMs < 600 {
		t.Errorf("exec counts %d, %d; duration %v ms", slow.ExecCount, fast.ExecCount, slow.DurationMs)
	}
	// Stream chunks are kept as one output; the result is its own.
	if len(slow.Outputs) != 1 || slow.Outputs[0].Text != "tick 0\ntick 1\ntick 2\ntick 3\ntick 4\n" {
		t.Errorf("slow outputs %+v", slow.Outputs)
	}
	if len(fast.Outputs) != 1 || fast.Outputs[0].Data["text/plain"] != "42" {
		t.Errorf("fast outputs %+v", fast.Outputs)
	}
	if snap.Kernel.State != KernelIdle || !snap.Dirty {
		t.Errorf("kernel %+v dirty %v", snap.Kernel, snap.Dirty)
	}
}

func TestCompileErrorAndRunAbove(t *testing.T) {
	s, _ := open(t, "```go id=a\nx := 1\n```\n\n```go id=b\ny := x +\n```\n\n```go id=c\nx\n```\n", testOptions(t))
	sub, _ := s.Subscribe()
	defer sub.Close()
	if err := s.RunAbove("c"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, sub, 30*time.Second, cellIs("b", "error"))
	snap := s.Snapshot()
	b := snap.Cells[1]
	if b.Error == nil || b.Error.Kind != "compile" || b.Error.Line != 1 {
		t.Errorf("error %+v", b.Error)
	}
	if len(b.Outputs) != 1 || b.Outputs[0].Kind != "error" {
		t.Errorf("outputs %+v", b.Outputs)
	}
	if snap.Cells[2].State != CellIdle {
		t.Errorf("cell c ran: %+v", snap.Cells[2])
	}
}

func TestInterruptInfiniteLoop(t *testing.T) {
	s, _ := open(t, "```go id=spin\nfor {}\n```\n\n```go id=after\n1\n```\n", testOptions(t))
	sub, _ := s.Subscribe()
	defer sub.Close()
	if err := s.Run("spin", "after"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, sub, 30*time.Second, cellIs("spin", "running"))
	time.Sleep(200 * time.Millisecond)
	if err := s.Interrupt(); err != nil {
		t.Fatal(err)
	}
	evs := waitFor(t, sub, 10*time.Second, cellIs("spin", "error"))
	if !strings.Contains(dump(evs), `"id":"after","state":"idle"`) {
		t.Errorf("the queued cell did not go back to idle: %s", dump(evs))
	}
	snap := s.Snapshot()
	if e := snap.Cells[0].Error; e == nil || e.Kind != "interrupted" {
		t.Errorf("error %+v", e)
	}
	waitKernel(t, s, KernelIdle)
	if snap := s.Snapshot(); snap.Cells[1].State != CellIdle {
		t.Errorf("after: %+v", snap.Cells[1])
	}
}

func TestRestartResetsCount(t *testing.T) {
	s, _ := open(t, "```go id=a\nv := 5\nv\n```\n", testOptions(t))
	sub, _ := s.Subscribe()
	defer sub.Close()
	s.Run("a")
	waitFor(t, sub, 30*time.Second, cellIs("a", "done"))
	s.Run("a")
	waitFor(t, sub, 30*time.Second, cellIs("a", "done"))
	if n := s.Snapshot().Cells[0].ExecCount; n != 2 {
		t.Fatalf("exec count %d", n)
	}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if st := s.Snapshot().Kernel.State; st != KernelStarting && st != KernelIdle {
		t.Fatalf("kernel state %s after Restart", st)
	}
	waitFor(t, sub, 30*time.Second, kernelIs(KernelIdle))
	s.Run("a")
	waitFor(t, sub, 30*time.Second, cellIs("a", "done"))
	c := s.Snapshot().Cells[0]
	if c.ExecCount != 1 || c.Outputs[0].Data["text/plain"] != "5" {
		t.Errorf("after restart: %+v", c)
	}
}

func TestSlowSubscriberIsDropped(t *testing.T) {
	s, _ := open(t, threeCells, testOptions(t))
	slow, _ := s.Subscribe()
	fast, _ := s.Subscribe()
	done := make(chan int)
	go func() {
		n := 0
		for range fast.C {
			n++
		}
		done <- n
	}()
	for i := range subscriberBuffer + 10 {
		if err := s.MoveCell("a", i%4); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case _, ok := <-drain(slow):
		if ok || !slow.Dropped() {
			t.Fatal("slow subscriber not dropped")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("slow subscriber's channel not closed")
	}
	fast.Close()
	if n := <-done; n < subscriberBuffer+10 {
		t.Errorf("the reading subscriber got %d events", n)
	}
	if err := s.Run("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("session broken after dropping a subscriber: %v", err)
	}
}

// drain reads a subscription to its end and then reports the close.
func drain(sub *Subscription) <-chan Event {
	c := make(chan Event)
	go func() {
		for range sub.C {
		}
		close(c)
	}()
	return c
}

func TestPreludeDefinesParameters(t *testing.T) {
	opt := testOptions(t)
	opt.Prelude = func(nb *notebook.Notebook) (string, error) {
		return "var rows = " + nb.Meta.Title, nil
	}
	s, _ := open(t, "---\ntitle: \"40\"\n---\n```go id=a\nrows + 2\n```\n", opt)
	sub, _ := s.Subscribe()
	defer sub.Close()
	s.Run("a")
	waitFor(t, sub, 30*time.Second, cellIs("a", "done"))
	if out := s.Snapshot().Cells[0].Outputs; len(out) != 1 || out[0].Data["text/plain"] != "42" {
		t.Fatalf("outputs %+v", out)
	}
	// A prelude that fails leaves the kernel dead with the reason.
	opt.Prelude = func(*notebook.Notebook) (string, error) { return "var x int = \"no\"", nil }
	s2, _ := open(t, threeCells, opt)
	waitKernel(t, s2, KernelDead)
	if r := s2.Snapshot().Kernel.Reason; !strings.Contains(r, "parameters failed") {
		t.Errorf("reason %q", r)
	}
}

// A failing cell stops the run: the cells queued after it go back to idle (as in Jupyter),
// and a later run works.
func TestErrorStopsTheQueue(t *testing.T) {
	s, _ := open(t, "```go id=a\nx := 1\n```\n\n```go id=b\npanic(\"no\")\n```\n\n```go id=c\nx + 1\n```\n", testOptions(t))
	sub, _ := s.Subscribe()
	defer sub.Close()
	if err := s.RunAll(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, sub, 30*time.Second, cellIs("b", "error"))
	waitFor(t, sub, 10*time.Second, kernelIs("idle"))
	snap := s.Snapshot()
	if snap.Cells[0].State != CellDone || snap.Cells[2].State != CellIdle || snap.Cells[2].ExecCount != 0 {
		t.Fatalf("after the error: a %+v, c %+v", snap.Cells[0].CellStatus, snap.Cells[2].CellStatus)
	}
	if err := s.Run("c"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, sub, 30*time.Second, cellIs("c", "done"))
}
