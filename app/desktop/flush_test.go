package desktop

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func post(t *testing.T, url string) {
	t.Helper()
	go func() {
		if resp, err := http.Post(url, "application/json", nil); err == nil {
			resp.Body.Close()
		}
	}()
}

// The edits go out before the marker but may arrive after it and take longer: awaitFlush
// waits for them.
func TestAwaitFlushWaitsForMarkerAndEdits(t *testing.T) {
	done := make(chan struct{})
	tr := newRequestTracker(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		close(done)
	}))
	srv := httptest.NewServer(tr)
	defer srv.Close()
	post(t, srv.URL+flushPath)
	time.Sleep(50 * time.Millisecond)
	post(t, srv.URL+"/api/cells/a")
	if !tr.awaitFlush(5 * time.Second) {
		t.Fatal("awaitFlush gave up")
	}
	select {
	case <-done:
	default:
		t.Fatal("awaitFlush returned while an edit was still in flight")
	}
}

func TestAwaitFlushIgnoresEventStreams(t *testing.T) {
	release := make(chan struct{})
	tr := newRequestTracker(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	srv := httptest.NewServer(tr)
	defer srv.Close()
	defer close(release)
	req, _ := http.NewRequest("GET", srv.URL+"/api/events", nil)
	req.Header.Set("Accept", "text/event-stream")
	go http.DefaultClient.Do(req)
	time.Sleep(50 * time.Millisecond)
	post(t, srv.URL+flushPath)
	if !tr.awaitFlush(2 * time.Second) {
		t.Fatal("an open event stream held awaitFlush")
	}
}

func TestAwaitFlushGivesUpWithoutMarker(t *testing.T) {
	tr := newRequestTracker(http.NotFoundHandler())
	srv := httptest.NewServer(tr)
	defer srv.Close()
	post(t, srv.URL+flushPath)
	time.Sleep(100 * time.Millisecond)
	tr.forget() // a marker from a cancelled close does not count for the next one
	start := time.Now()
	if tr.awaitFlush(300*time.Millisecond) || time.Since(start) < 300*time.Millisecond {
		t.Fatal("awaitFlush without a page (no marker) must wait for the limit and report false")
	}
}
