package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cairn-notebook/cairn/app/session"
	"github.com/cairn-notebook/cairn/kernel/kerneltest"
)

// Kernels are started from a real cairn binary.
func TestMain(m *testing.M) { kerneltest.Main(m) }

const token = "s3cret-token"

// A page to serve: test data standing in for the built frontend.
var assets = fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>Cairn test page</title>")}}

// syncBuffer is a log that the server writes and the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

type testServer struct {
	url, addr, dir string
	log            *syncBuffer
	mgr            *session.Manager
}

// start serves a notebook with text on a real HTTP server on 127.0.0.1 (token: the
// constant above; "" for desktop mode).
func start(t *testing.T, text, tok string) *testServer {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "nb.cairn.md")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var opt session.Options
	opt.Kernel.Exe, opt.Kernel.MemoryLimit, opt.AutosaveDelay = kerneltest.Exe(t), 1<<30, -1
	sess, err := session.Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	mgr := session.NewManager(sess, opt)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	h := New(Options{Sessions: mgr, Assets: assets, Token: tok, Addr: ln.Addr().String(), Log: log})
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() {
		srv.Close()
		mgr.Close()
	})
	return &testServer{url: "http://" + ln.Addr().String(), addr: ln.Addr().String(), dir: dir, log: log, mgr: mgr}
}

// call sends a request with the bearer token (when tok is set) and returns status and body.
func (ts *testServer) call(t *testing.T, method, path, body string, hdr ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i] == "Host" {
			req.Host = hdr[i+1]
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var noRedirect = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

type sseEvent struct {
	Type string
	Data map[string]any
}

// events opens the SSE stream and returns its events as they arrive.
func (ts *testServer) events(t *testing.T, hdr ...string) <-chan sseEvent {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.url+"/api/events", nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	t.Cleanup(func() { resp.Body.Close() })
	return readSSE(resp.Body)
}

func readSSE(r io.Reader) <-chan sseEvent {
	c := make(chan sseEvent, 1000)
	go func() {
		defer close(c)
		sc := bufio.NewScanner(r)
		sc.Buffer(nil, 16<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.Type = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.Data)
			case line == "" && ev.Type != "":
				c <- ev
				ev = sseEvent{}
			}
		}
	}()
	return c
}

// next waits for an event that ok accepts.
func next(t *testing.T, c <-chan sseEvent, ok func(sseEvent) bool) sseEvent {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case ev, open := <-c:
			if !open {
				t.Fatal("event stream ended")
			}
			if ok(ev) {
				return ev
			}
		case <-deadline:
			t.Fatal("timed out waiting for an event")
		}
	}
}

func isType(typ string) func(sseEvent) bool {
	return func(ev sseEvent) bool { return ev.Type == typ }
}

func cellState(id, state string) func(sseEvent) bool {
	return func(ev sseEvent) bool { return ev.Type == "cell" && ev.Data["id"] == id && ev.Data["state"] == state }
}
