package desktop

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// flushPath is answered by the tracker itself: the page requests it right after its
// beforeunload handler has started sending the pending edits (see flushScript).
const flushPath = "/_desktop/flushed"

// requestTracker wraps the handler to know when the edits flushed on close have reached the
// session, so that it saves them. Event streams are not counted: they stay open for as long
// as the page lives.
type requestTracker struct {
	next http.Handler

	mu       sync.Mutex
	inFlight int
	last     time.Time     // when a counted request last started or ended
	flushed  chan struct{} // the page's flush marker arrived
}

func newRequestTracker(next http.Handler) *requestTracker {
	return &requestTracker{next: next, flushed: make(chan struct{}, 1)}
}

func (t *requestTracker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == flushPath:
		select {
		case t.flushed <- struct{}{}:
		default:
		}
		w.WriteHeader(http.StatusNoContent)
		return
	case strings.Contains(r.Header.Get("Accept"), "text/event-stream"):
		t.next.ServeHTTP(w, r)
		return
	}
	t.add(+1)
	defer t.add(-1)
	t.next.ServeHTTP(w, r)
}

func (t *requestTracker) add(delta int) {
	t.mu.Lock()
	t.inFlight += delta
	t.last = time.Now()
	t.mu.Unlock()
}

// forget drops a marker left from an earlier close that was cancelled.
func (t *requestTracker) forget() {
	select {
	case <-t.flushed:
	default:
	}
}

// settleQuiet is how long no request may be in flight before the flushed edits count as
// arrived. Wails serves each request on its own goroutine, so an edit sent before the marker
// may reach the handler a moment after it.
const settleQuiet = 200 * time.Millisecond

// awaitFlush waits, at most limit, for the page's flush marker and then until no request has
// been in flight for settleQuiet. It reports whether both happened.
func (t *requestTracker) awaitFlush(limit time.Duration) bool {
	deadline := time.After(limit)
	select {
	case <-t.flushed:
	case <-deadline:
		return false
	}
	marker := time.Now()
	for {
		t.mu.Lock()
		quiet := t.inFlight == 0 && time.Since(t.last) >= settleQuiet && time.Since(marker) >= settleQuiet
		t.mu.Unlock()
		if quiet {
			return true
		}
		select {
		case <-deadline:
			return false
		case <-time.After(10 * time.Millisecond):
		}
	}
}
