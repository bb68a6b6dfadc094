package session

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/kernel/kerneltest"
)

// Kernels are started from a real cairn binary.
func TestMain(m *testing.M) { kerneltest.Main(m) }

func testOptions(t testing.TB) Options {
	var o Options
	o.Kernel.Exe = kerneltest.Exe(t)
	o.Kernel.MemoryLimit = 1 << 30
	o.AutosaveDelay = -1
	return o
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nb.cairn.md")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// open opens a notebook file with the given text; the session closes when the test ends.
func open(t *testing.T, text string, opt Options) (*Session, string) {
	t.Helper()
	path := writeFile(t, text)
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// waitFor reads events until one satisfies ok, returning the events read so far.
func waitFor(t *testing.T, sub *Subscription, d time.Duration, ok func(Event) bool) []Event {
	t.Helper()
	var seen []Event
	deadline := time.After(d)
	for {
		select {
		case ev, open := <-sub.C:
			if !open {
				t.Fatalf("subscription ended; events so far: %s", dump(seen))
			}
			seen = append(seen, ev)
			if ok(ev) {
				return seen
			}
		case <-deadline:
			t.Fatalf("timed out after %v; events: %s", d, dump(seen))
		}
	}
}

// cellIs matches the `cell` event that puts cell id into state.
func cellIs(id, state string) func(Event) bool {
	return func(ev Event) bool {
		if ev.Type != "cell" {
			return false
		}
		m := asMap(ev.Data)
		return m["id"] == id && m["state"] == state
	}
}

func kernelIs(state string) func(Event) bool {
	return func(ev Event) bool { return ev.Type == "kernel" && asMap(ev.Data)["state"] == state }
}

// waitKernel waits until the session's kernel is in state (it may already be).
func waitKernel(t *testing.T, s *Session, state string) {
	t.Helper()
	sub, snap := s.Subscribe()
	defer sub.Close()
	if snap.Kernel.State != state {
		waitFor(t, sub, 30*time.Second, kernelIs(state))
	}
}

// asMap turns an event's data into its JSON form, as a client sees it.
func asMap(v any) map[string]any {
	b, _ := json.Marshal(v)
	var m map[string]any
	json.Unmarshal(b, &m)
	return m
}

func dump(evs []Event) string {
	b, _ := json.Marshal(evs)
	return string(b)
}
