package server

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/app/notebook"
)

func TestAPIEditRunSave(t *testing.T) {
	ts := start(t, small, token)
	auth := []string{"Authorization", "Bearer " + token}
	call := func(method, path, body string, want int) string {
		t.Helper()
		code, resp := ts.call(t, method, path, body, auth...)
		if code != want {
			t.Fatalf("%s %s %s: %d %s, want %d", method, path, body, code, resp, want)
		}
		return resp
	}
	evs := ts.events(t, auth...)
	first := next(t, evs, isType("snapshot"))
	if first.Data["title"] != "nb" || len(first.Data["cells"].([]any)) != 2 {
		t.Fatalf("first snapshot %v", first.Data)
	}
	var ins struct{ ID string }
	json.Unmarshal([]byte(call("POST", "/api/cells", `{"index":2,"kind":"code","lang":"go","source":"import \"fmt\"\nfmt.Println(\"out\")\n6 * 7"}`, 200)), &ins)
	if ins.ID == "" {
		t.Fatal("no id from insert")
	}
	next(t, evs, isType("snapshot"))
	call("PATCH", "/api/cells/a", `{"source":"2 + 3"}`, 204)
	call("POST", "/api/run", `{"ids":["a","`+ins.ID+`"]}`, 204)
	out := next(t, evs, func(ev sseEvent) bool { return ev.Type == "output" && ev.Data["id"] == ins.ID })
	if o := out.Data["output"].(map[string]any); o["kind"] != "stream" || o["text"] != "out\n" {
		t.Errorf("first output %v", out.Data)
	}
	res := next(t, evs, func(ev sseEvent) bool { return ev.Type == "output" && ev.Data["id"] == ins.ID })
	if o := res.Data["output"].(map[string]any); o["kind"] != "result" || o["data"].(map[string]any)["text/plain"] != "42" {
		t.Errorf("second output %v", res.Data)
	}
	done := next(t, evs, cellState(ins.ID, "done"))
	if done.Data["exec_count"] != 2.0 || done.Data["error"] != nil {
		t.Errorf("cell event %v", done.Data)
	}
	var snap struct {
		Dirty bool
		Cells []struct {
			ID, State string
			Outputs   []map[string]any
		}
	}
	json.Unmarshal([]byte(call("GET", "/api/notebook", "", 200)), &snap)
	if !snap.Dirty || snap.Cells[1].State != "done" || snap.Cells[1].Outputs[0]["data"].(map[string]any)["text/plain"] != "5" {
		t.Errorf("snapshot %+v", snap)
	}
	call("POST", "/api/save", "", 204)
	next(t, evs, isType("saved"))
	nb, err := notebook.Load(filepath.Join(ts.dir, "nb.cairn.md"))
	if err != nil || nb.Cell("a").Source != "2 + 3" || len(nb.Cells) != 3 {
		t.Fatalf("saved file: %v %+v", err, nb)
	}
	split := call("POST", "/api/cells/"+ins.ID+"/split", `{"offset":12}`, 200)
	if !strings.Contains(split, `"id"`) {
		t.Errorf("split: %s", split)
	}
	call("POST", "/api/client", `{"page":"notebook"}`, 204)
	if !strings.Contains(ts.log.String(), "frontend connected\n") {
		t.Errorf("log %q", ts.log.String())
	}
}

func TestAPIBadRequests(t *testing.T) {
	ts := start(t, small, token)
	auth := []string{"Authorization", "Bearer " + token}
	before, _ := os.ReadFile(filepath.Join(ts.dir, "nb.cairn.md"))
	_, snapBefore := ts.call(t, "GET", "/api/notebook", "", auth...)
	cases := []struct {
		method, path, body string
		code               int
		msg                string
	}{
		{"PATCH", "/api/cells/nope", `{"source":"x"}`, 404, `no cell with id \"nope\"`},
		{"DELETE", "/api/cells/nope", "", 404, "nope"},
		{"POST", "/api/cells", `{"index":9,"kind":"code"}`, 400, "index 9 is out of range"},
		{"POST", "/api/cells", `{"kind":"code"}`, 400, "index is required"},
		{"POST", "/api/cells/a/split", `{"offset":99}`, 400, "split offset 99 is out of range (0..5)"},
		{"POST", "/api/cells/a/move", `{"index":-1}`, 400, "out of range"},
		{"POST", "/api/cells", `{"index":0,"kind":"code",`, 400, "bad request body"},
		{"POST", "/api/cells", `{"index":0,"colour":"red"}`, 400, `unknown field \"colour\"`},
		{"POST", "/api/cells", `{"index":0,"kind":"code","source":"` + strings.Repeat("x", maxBody) + `"}`, 413, "too large"},
		{"POST", "/api/run", `{}`, 400, "say what to run"},
		{"POST", "/api/run", `{"ids":["a","nope"]}`, 404, "nope"},
		{"POST", "/api/open", `{"path":"missing.cairn.md"}`, 400, "no such file"},
		{"POST", "/api/save-as", `{"path":"x.txt"}`, 400, "ends in .cairn.md"},
		{"GET", "/api/run", "", 405, "GET is not allowed"},
		{"PUT", "/api/cells/a", "", 405, "not allowed"},
		{"GET", "/api/nothing", "", 404, "no API route /api/nothing"},
		{"GET", "/nothing.js", "", 404, ""},
	}
	for _, c := range cases {
		code, body := ts.call(t, c.method, c.path, c.body, auth...)
		if code != c.code || !strings.Contains(body, c.msg) {
			t.Errorf("%s %s: %d %s, want %d with %q", c.method, c.path, code, body, c.code, c.msg)
		}
		if strings.HasPrefix(c.path, "/api/") && !json.Valid([]byte(body)) {
			t.Errorf("%s %s: error is not JSON: %s", c.method, c.path, body)
		}
	}
	if _, snapAfter := ts.call(t, "GET", "/api/notebook", "", auth...); snapAfter != snapBefore && !strings.Contains(snapAfter, `"starting"`) {
		// (the kernel may have become idle meanwhile; compare cells only then)
		if cellsOf(snapAfter) != cellsOf(snapBefore) {
			t.Errorf("bad requests changed the notebook:\n%s\n%s", snapBefore, snapAfter)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(ts.dir, "nb.cairn.md")); string(after) != string(before) {
		t.Error("bad requests changed the file")
	}
}

func cellsOf(snap string) string {
	var s struct{ Cells json.RawMessage }
	json.Unmarshal([]byte(snap), &s)
	return string(s.Cells)
}

func TestOpenSwitchesTheStream(t *testing.T) {
	ts := start(t, small, token)
	os.WriteFile(filepath.Join(ts.dir, "other.cairn.md"), []byte("# Other\n\n```go id=z\n1\n```\n"), 0o644)
	os.WriteFile(filepath.Join(ts.dir, "data.csv"), []byte("a,b\n"), 0o644)
	auth := []string{"Authorization", "Bearer " + token}
	evs := ts.events(t, auth...)
	next(t, evs, isType("snapshot"))
	_, files := ts.call(t, "GET", "/api/files", "", auth...)
	var list struct {
		Dir   string
		Files []struct {
			Name, Path string
			Notebook   bool
		}
	}
	json.Unmarshal([]byte(files), &list)
	if list.Dir != ts.dir || len(list.Files) != 3 || list.Files[0].Name != "data.csv" || list.Files[0].Notebook || !list.Files[2].Notebook {
		t.Errorf("files %s", files)
	}
	if code, body := ts.call(t, "POST", "/api/open", `{"path":"other.cairn.md"}`, auth...); code != 204 {
		t.Fatalf("open: %d %s", code, body)
	}
	snap := next(t, evs, isType("snapshot"))
	if snap.Data["title"] != "other" {
		t.Errorf("snapshot after open: %v", snap.Data)
	}
}

// In desktop mode the handler is called in-process (no token) and the response writer is
// not an http.Flusher, as inside Wails: events still arrive.
func TestDesktopModeWithoutFlusher(t *testing.T) {
	ts := start(t, small, "")
	h := New(Options{Sessions: ts.mgr, Assets: assets})
	pr, pw := io.Pipe()
	w := &plainWriter{h: http.Header{}, w: pw}
	req, _ := http.NewRequest("GET", "/api/events", nil)
	go func() { h.ServeHTTP(w, req); pw.Close() }()
	evs := readSSE(pr)
	next(t, evs, isType("snapshot"))
	if code, body := ts.call(t, "POST", "/api/run", `{"all":true}`); code != 204 {
		t.Fatalf("run without token in desktop mode: %d %s", code, body)
	}
	ev := next(t, evs, cellState("a", "done"))
	if ev.Data["exec_count"] != 1.0 {
		t.Errorf("cell event %v", ev.Data)
	}
}

// plainWriter is a ResponseWriter that cannot flush, like the Wails AssetServer's.
type plainWriter struct {
	h http.Header
	w io.Writer
}

func (p *plainWriter) Header() http.Header         { return p.h }
func (p *plainWriter) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p *plainWriter) WriteHeader(int)             {}

func TestEventStreamPings(t *testing.T) {
	ts := start(t, small, "")
	h := New(Options{Sessions: ts.mgr, Assets: assets, PingInterval: 20 * time.Millisecond})
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", "/api/events", nil)
	ended := make(chan bool)
	go func() { h.ServeHTTP(&plainWriter{h: http.Header{}, w: pw}, req); pw.Close(); ended <- true }()
	sc := bufio.NewScanner(pr)
	pings := 0
	for pings < 2 && sc.Scan() {
		if sc.Text() == ": ping" {
			pings++
		}
	}
	if pings < 2 {
		t.Fatal("no keep-alive pings")
	}
	cancel() // the client goes away: the handler returns
	go io.Copy(io.Discard, pr)
	select {
	case <-ended:
	case <-time.After(5 * time.Second):
		t.Fatal("the event handler did not return after the client left")
	}
}
