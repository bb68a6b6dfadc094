package nb

import (
	"encoding/json"
	"sync"
	"testing"
	"time"
)

func states(t *testing.T, got []sent) []progressState {
	t.Helper()
	out := make([]progressState, len(got))
	for i, s := range got {
		if err := json.Unmarshal([]byte(s.data[ProgressMIME]), &out[i]); err != nil {
			t.Fatalf("update %d: %v: %q", i, err, s.data[ProgressMIME])
		}
		if s.update != (i > 0) || s.id != got[0].id {
			t.Fatalf("update %d: id %q update %v; want the first shown and the rest updating it", i, s.id, s.update)
		}
	}
	return out
}

func TestProgressTightLoopIsThrottled(t *testing.T) {
	got := capture(t)
	const n = 1_000_000
	bar := Progress(n, "count")
	for range n {
		bar.Add(1)
	}
	mid := len(got())
	bar.Done()
	bar.Done()
	bar.Add(5) // after Done: nothing more on screen
	st := states(t, got())
	// Shown, maybe a few timed updates, full when total is reached, then finished.
	if mid > 12 || len(st) != mid+1 {
		t.Fatalf("%d updates for %d Add calls (%d before Done)", len(st), n, mid)
	}
	if last := st[len(st)-1]; last.Done != n || last.Total != n || !last.Finished || last.EtaMs == nil || *last.EtaMs != 0 {
		t.Errorf("last update %+v", last)
	}
	if st[mid-1].Done != n || st[mid-1].Finished {
		t.Errorf("reaching the total did not show the full bar at once: %+v", st[mid-1])
	}
}

func TestProgressTimedUpdates(t *testing.T) {
	got := capture(t)
	start := time.Now()
	bar := Progress(40, "slow")
	for range 40 {
		time.Sleep(15 * time.Millisecond)
		bar.Add(1)
	}
	took := time.Since(start)
	st := states(t, got())
	// 600 ms or more at one update per 100 ms: some in between, each newer than the one before.
	if len(st) < 3 || len(st) > int(took/interval)+2 {
		t.Fatalf("%d updates over %v: %+v", len(st), took, st)
	}
	for i := 1; i < len(st); i++ {
		if st[i].Done <= st[i-1].Done || st[i].ElapsedMs < st[i-1].ElapsedMs {
			t.Errorf("update %d (%+v) does not follow %+v", i, st[i], st[i-1])
		}
	}
	if mid := st[1]; mid.EtaMs == nil || *mid.EtaMs <= 0 || mid.Done == 40 {
		t.Errorf("an intermediate update has no estimate: %+v", mid)
	}
}

// The latest state shows soon even when no call comes after it (no Done, total not reached).
func TestProgressTrailingUpdate(t *testing.T) {
	got := capture(t)
	bar := Progress(100, "")
	bar.Add(1)
	bar.Add(1)
	if n := len(got()); n != 1 {
		t.Fatalf("%d updates right away, want only the first display", n)
	}
	time.Sleep(3 * interval)
	st := states(t, got())
	if len(st) != 2 || st[1].Done != 2 || st[1].Finished {
		t.Errorf("after the interval: %+v", st)
	}
}

func TestProgressConcurrent(t *testing.T) {
	got := capture(t)
	bar := Progress(0, "") // unknown total
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50_000 {
				bar.Add(1)
			}
		})
	}
	wg.Wait()
	bar.Done()
	st := states(t, got())
	last := st[len(st)-1]
	if last.Done != 400_000 || last.Total != 0 || last.EtaMs != nil || !last.Finished {
		t.Errorf("last update %+v", last)
	}
	for i := 1; i < len(st); i++ {
		if st[i].Done < st[i-1].Done {
			t.Errorf("updates out of order: %d then %d", st[i-1].Done, st[i].Done)
		}
	}
}

func TestProgressSetAndText(t *testing.T) {
	got := capture(t)
	bar := Progress(10, "steps")
	bar.Set(10)
	bar.Set(10) // no change, nothing sent
	if g := got(); len(g) != 2 || g[1].data["text/plain"][:len("steps  10/10 [====================] ")] != "steps  10/10 [====================] " {
		t.Errorf("Set to the total: %+v", g)
	}
	eta := int64(2900)
	cases := []struct {
		st           progressState
		elapsed, eta time.Duration
		want         string
	}{
		{progressState{Label: "training", Done: 42, Total: 100, EtaMs: &eta}, 2100 * time.Millisecond, 2900 * time.Millisecond,
			"training  42/100 [========>           ] 2.1s, 2.9s left"},
		{progressState{Done: 0, Total: 3}, 0, 0, "0/3 [>                   ] 0.0s"},
		{progressState{Label: "rows", Done: 1234}, 187 * time.Second, 0, "rows  1234 3m07s"},
		{progressState{Label: "over", Done: 12, Total: 10}, time.Second, 0, "over  12/10 [====================] 1.0s"},
	}
	for _, c := range cases {
		if got := c.st.text(c.elapsed, c.eta); got != c.want {
			t.Errorf("text = %q, want %q", got, c.want)
		}
	}
}

// BenchmarkAdd is the cost of one Add between updates: it must stay cheap in tight loops.
func BenchmarkAdd(b *testing.B) {
	SetSink(func(string, bool, map[string]string) {}, defaultText)
	defer SetSink(printSink, defaultText)
	bar := Progress(b.N, "bench")
	for b.Loop() {
		bar.Add(1)
	}
}
