//go:build desktop

// These tests open a real Wails window under a private Xvfb: the test binary re-executes
// itself as the app (TestMain, CAIRN_DESKTOP_CHILD), serving a tiny page that proves the
// plumbing the real frontend relies on: request bodies, SSE streaming, the system theme.
package desktop

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

const testTitle = "Cairn desktop test"

var editFlushed atomic.Bool // the page's close-time edit reached the handler

func TestMain(m *testing.M) {
	if mode := os.Getenv("CAIRN_DESKTOP_CHILD"); mode != "" {
		os.Exit(runChild(mode))
	}
	os.Exit(m.Run())
}

// runChild is the app side: one window, on the main goroutine as GTK requires.
func runChild(mode string) int {
	save := func() error {
		fmt.Fprintf(os.Stderr, "before close: saving, edit flushed: %v\n", editFlushed.Load())
		return nil
	}
	if mode == "failsave" {
		save = func() error {
			fmt.Fprintln(os.Stderr, "before close: saving")
			return errors.New("disk full (100% used)")
		}
	}
	err := Run(Options{Title: testTitle, Handler: testHandler(), BeforeClose: save})
	fmt.Fprintf(os.Stderr, "run returned: %v\n", err)
	if err != nil {
		return 1
	}
	return 0
}

// testPage reports to POST /api/client what it got over SSE, both through EventSource and
// through a streamed fetch, and whether the WebView reports a dark colour scheme.
const testPage = `<!doctype html><html><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>t</title></head>
<body style="font:28px sans-serif;margin:40px"><h1>Cairn desktop plumbing</h1><pre id="s">waiting</pre>
<script>
const got = {page: "notebook", dark: matchMedia("(prefers-color-scheme: dark)").matches};
let sent = false;
function report() {
  if (sent) return; sent = true;
  document.getElementById("s").textContent = JSON.stringify(got, null, 1);
  fetch("/api/client", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(got)});
}
function maybe() { if ("sse" in got && ("fetch" in got || "fetchError" in got)) report(); }
const es = new EventSource("/api/events");
es.addEventListener("hello", e => { got.sse = JSON.parse(e.data); es.close(); maybe(); });
es.onerror = () => { got.sseError = true; };
fetch("/api/events?via=fetch", {headers: {Accept: "text/event-stream"}}).then(async r => {
  const rd = r.body.getReader(); const {value} = await rd.read();
  got.fetch = new TextDecoder().decode(value); rd.cancel(); maybe();
}).catch(e => { got.fetchError = String(e); maybe(); });
setTimeout(report, 8000);
// Like the real page: a debounced edit still waiting is sent from beforeunload.
addEventListener("beforeunload", () => fetch("/api/edit", {method: "POST", body: "x"}));
</script></body></html>`

func testHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, testPage)
	})
	mux.HandleFunc("GET /api/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-cache")
		f, flusher := w.(http.Flusher)
		fmt.Fprintf(os.Stderr, "sse flusher=%v\n", flusher)
		fmt.Fprintf(w, "event: hello\ndata: {\"n\":1}\n\n")
		if flusher {
			f.Flush()
		}
		// Held open like the real stream: the page must get the event before the handler ends.
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	})
	mux.HandleFunc("POST /api/edit", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond) // a slow session: the save must still wait for it
		editFlushed.Store(true)
	})
	mux.HandleFunc("POST /api/client", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(os.Stderr, "frontend connected %s\n", body)
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

// child is a running app process and the lines it printed on stderr.
type child struct {
	cmd   *exec.Cmd
	lines chan string
	done  chan error
}

func startChild(t *testing.T, display, mode string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, "DISPLAY="+display, "CAIRN_DESKTOP_CHILD="+mode)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 100), done: make(chan error, 1)}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			t.Logf("app: %s", sc.Text())
			c.lines <- sc.Text()
		}
		close(c.lines)
		c.done <- cmd.Wait()
	}()
	t.Cleanup(func() { cmd.Process.Kill() })
	return c
}

// await returns the first line starting with prefix, failing after timeout.
func (c *child) await(t *testing.T, prefix string, timeout time.Duration) string {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				t.Fatalf("the app exited before printing %q", prefix)
			}
			if strings.HasPrefix(line, prefix) {
				return line
			}
		case <-deadline:
			t.Fatalf("no %q from the app within %v", prefix, timeout)
		}
	}
}

type clientReport struct {
	Page       string          `json:"page"`
	Dark       bool            `json:"dark"`
	SSE        json.RawMessage `json:"sse"`
	SSEError   bool            `json:"sseError"`
	Fetch      string          `json:"fetch"`
	FetchError string          `json:"fetchError"`
}

func awaitConnected(t *testing.T, c *child) clientReport {
	t.Helper()
	line := c.await(t, "frontend connected", 60*time.Second)
	var rep clientReport
	if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "frontend connected ")), &rep); err != nil {
		t.Fatalf("the POST body did not arrive intact (webkit2_41 tag?): %q: %v", line, err)
	}
	return rep
}

func TestWindowPlumbingAndCloseSaves(t *testing.T) {
	display := startXvfb(t)
	c := startChild(t, display, "ok", "GTK_THEME=Adwaita:dark")
	rep := awaitConnected(t, c)
	if rep.Page != "notebook" {
		t.Errorf("POST body page = %q", rep.Page)
	}
	if string(rep.SSE) != `{"n":1}` {
		t.Errorf("EventSource got %q (error: %v), want the hello event while the stream stays open", rep.SSE, rep.SSEError)
	}
	if !strings.Contains(rep.Fetch, "event: hello") {
		t.Logf("a streamed fetch of the SSE endpoint does not work: %q %s", rep.Fetch, rep.FetchError)
	}
	if !rep.Dark {
		t.Error("GTK_THEME=Adwaita:dark, but the page's prefers-color-scheme is not dark")
	}
	win := windowRect(t, display, testTitle)
	if win.Dx() != defaultWidth || win.Dy() != defaultHeight {
		t.Errorf("window is %v, want the default %dx%d", win, defaultWidth, defaultHeight)
	}
	time.Sleep(500 * time.Millisecond) // let the report render
	img := screenshot(t, display, "../../build/bin/desktop-test.png")
	if s := spread(img, win); s < 10 {
		t.Errorf("the window looks blank: grey-level spread %.1f", s)
	}

	// Wails turns SIGTERM into the close button's Quit: save, then close.
	c.cmd.Process.Signal(syscall.SIGTERM)
	if line := c.await(t, "before close: saving", 10*time.Second); !strings.HasSuffix(line, "edit flushed: true") {
		t.Errorf("saved before the page's beforeunload edit arrived: %s", line)
	}
	if line := c.await(t, "run returned", 15*time.Second); line != "run returned: <nil>" {
		t.Errorf("Run: %s", line)
	}
	if err := <-c.done; err != nil {
		t.Errorf("the app exited with %v", err)
	}
}

func TestWindowStaysOpenWhenSaveFails(t *testing.T) {
	display := startXvfb(t)
	c := startChild(t, display, "failsave")
	if rep := awaitConnected(t, c); rep.Dark {
		t.Error("no dark theme asked for, but the page's prefers-color-scheme is dark")
	}
	c.cmd.Process.Signal(syscall.SIGTERM)
	c.await(t, "before close: saving", 10*time.Second)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(topWindows(t, display), `"Unsaved edits"`) {
		if time.Now().After(deadline) {
			t.Fatalf("no \"Unsaved edits\" dialog:\n%s", topWindows(t, display))
		}
		time.Sleep(200 * time.Millisecond)
	}
	screenshot(t, display, "../../build/bin/desktop-test-dialog.png")
	select {
	case err := <-c.done:
		t.Fatalf("the app exited (%v) although saving failed and nobody said close anyway", err)
	case <-time.After(time.Second):
	}
}
