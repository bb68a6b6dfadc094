package nb

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ProgressMIME is the MIME type of a progress bar's state (see progressState).
const ProgressMIME = "application/vnd.cairn.progress+json"

// interval is the least time between two updates of one bar: a tight loop calling Add must
// not flood the kernel protocol and the app.
const interval = 100 * time.Millisecond

// barWidth is the text bar's width in characters.
const barWidth = 20

// Bar is a progress bar, shown when made and updated in place. Its methods are safe for
// concurrent use and cheap: most calls are an atomic add and a clock read.
type Bar struct {
	id    string
	label string
	total int64
	start time.Time
	done  atomic.Int64
	next  atomic.Int64 // nanoseconds since start before which no update is sent
	trail atomic.Bool  // an update is scheduled for when next has passed

	mu       sync.Mutex // serialises sends, so updates leave in order
	sent     int64      // done as last sent
	finished bool
}

// Progress shows a new bar counting to total (0 or less: unknown, the bar just counts),
// labelled label. Call Add or Set as work gets done, and Done at the end.
func Progress(total int, label string) *Bar {
	b := &Bar{id: DisplayID(), label: label, total: int64(max(total, 0)), start: time.Now()}
	b.next.Store(int64(interval))
	b.mu.Lock()
	defer b.mu.Unlock()
	b.emit(false, 0, 0)
	return b
}

// Add records n more items done.
func (b *Bar) Add(n int) { b.changed(b.done.Add(int64(n))) }

// Set records that n items are done.
func (b *Bar) Set(n int) {
	b.done.Store(int64(n))
	b.changed(int64(n))
}

// Done shows the final state; later calls of any method change nothing on screen.
func (b *Bar) Done() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.finished {
		return
	}
	b.finished = true
	b.emit(true, b.done.Load(), time.Since(b.start))
}

// changed sends the state if the last update is old enough, or if done just reached total
// (so the full bar always shows); otherwise it makes sure an update follows soon, so the
// latest state shows even when no call comes after it.
func (b *Bar) changed(d int64) {
	if (b.total == 0 || d < b.total) && int64(time.Since(b.start)) < b.next.Load() {
		b.later()
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	d, now := b.done.Load(), time.Since(b.start)
	reached := b.total > 0 && d >= b.total && b.sent < b.total
	switch {
	case b.finished || d == b.sent:
	case !reached && int64(now) < b.next.Load():
		b.later()
	default:
		b.next.Store(int64(now + interval))
		b.emit(true, d, now)
	}
}

// later schedules one call of changed for when the interval has passed, unless one is pending.
func (b *Bar) later() {
	if b.trail.Load() || !b.trail.CompareAndSwap(false, true) {
		return
	}
	time.AfterFunc(time.Duration(b.next.Load())-time.Since(b.start), func() {
		b.trail.Store(false)
		b.changed(b.done.Load())
	})
}

// progressState is the JSON of ProgressMIME. EtaMs is absent when unknown.
type progressState struct {
	Label     string `json:"label"`
	Done      int64  `json:"done"`
	Total     int64  `json:"total"`
	ElapsedMs int64  `json:"elapsed_ms"`
	EtaMs     *int64 `json:"eta_ms,omitempty"`
	Finished  bool   `json:"finished"`
}

// emit sends the bar's state; b.mu must be held.
func (b *Bar) emit(update bool, done int64, elapsed time.Duration) {
	b.sent = done
	st := progressState{Label: b.label, Done: done, Total: b.total, ElapsedMs: elapsed.Milliseconds(), Finished: b.finished}
	var eta time.Duration
	if b.total > 0 && done > 0 && done < b.total && !b.finished {
		eta = time.Duration(float64(elapsed) * float64(b.total-done) / float64(done))
		ms := eta.Milliseconds()
		st.EtaMs = &ms
	} else if b.total > 0 && (done >= b.total || b.finished) {
		st.EtaMs = new(int64)
	}
	js, _ := json.Marshal(st) // cannot fail: plain fields
	send(b.id, update, map[string]string{ProgressMIME: string(js), "text/plain": st.text(elapsed, eta)})
}

// text is the plain rendering: `training  42/100 [========>           ] 2.1s, 2.9s left`.
func (st progressState) text(elapsed, eta time.Duration) string {
	var s strings.Builder
	if st.Label != "" {
		s.WriteString(st.Label + "  ")
	}
	if st.Total <= 0 {
		fmt.Fprintf(&s, "%d %s", st.Done, seconds(elapsed))
		return s.String()
	}
	filled := int(min(max(st.Done, 0), st.Total) * barWidth / st.Total)
	bar := strings.Repeat("=", filled)
	if filled < barWidth {
		bar += ">" + strings.Repeat(" ", barWidth-filled-1)
	}
	fmt.Fprintf(&s, "%d/%d [%s] %s", st.Done, st.Total, bar, seconds(elapsed))
	if st.EtaMs != nil && *st.EtaMs > 0 {
		fmt.Fprintf(&s, ", %s left", seconds(eta))
	}
	return s.String()
}

// seconds formats d for people: 0.4s, 12.5s, 3m07s.
func seconds(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d/time.Minute), int(d%time.Minute/time.Second))
}
