package cli

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/kernel/kerneltest"
)

// served is a `cairn serve` (or `cairn open`) process and a browser-like client logged in
// with the token of the URL it printed.
type served struct {
	cmd    *exec.Cmd
	url    string
	stderr *lockedBuffer
	client *http.Client
	exited chan error
}

var servingLine = regexp.MustCompile(`^Cairn is serving (.+) at (http://127\.0\.0\.1:\d+)/\?token=(\w+)$`)

func startServe(t *testing.T, env []string, args ...string) (*served, string) {
	t.Helper()
	cmd := exec.Command(kerneltest.Exe(t), args...)
	cmd.Env = append(os.Environ(), env...)
	stdout, _ := cmd.StdoutPipe()
	s := &served{cmd: cmd, stderr: &lockedBuffer{}, exited: make(chan error, 1)}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.exited <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := servingLine.FindStringSubmatch(strings.TrimSpace(line))
	if err != nil || m == nil {
		t.Fatalf("first line %q (%v); stderr:\n%s", line, err, s.stderr)
	}
	go io.Copy(io.Discard, stdout)
	s.url = m[2]
	jar, _ := cookiejar.New(nil)
	s.client = &http.Client{Jar: jar, Timeout: 30 * time.Second}
	resp, err := s.client.Get(s.url + "/?token=" + m[3])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("token URL: %s", resp.Status)
	}
	return s, m[1]
}

func (s *served) post(t *testing.T, path, body string) {
	t.Helper()
	resp, err := s.client.Post(s.url+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("POST %s: %s %s", path, resp.Status, b)
	}
}

// stop sends SIGINT and expects a clean exit.
func (s *served) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case err := <-s.exited:
		if err != nil {
			t.Fatalf("exit after SIGINT: %v\nstderr:\n%s", err, s.stderr)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("cairn serve did not exit after SIGINT")
	}
}

func TestServeRunsACellOverHTTP(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.cairn.md"), []byte("```go id=first\n1\n```\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.cairn.md"), []byte("---\nparams:\n  greeting: hello from serve\n---\n```go id=hello\nimport \"fmt\"\nfmt.Println(greeting)\n```\n"), 0o644)
	s, opened := startServe(t, nil, "serve", dir, "--no-browser")
	if opened != filepath.Join(dir, "a.cairn.md") {
		t.Errorf("serving %s, want the folder's first notebook", opened)
	}
	s.post(t, "/api/open", `{"path":"b.cairn.md"}`)
	resp, err := s.client.Get(s.url + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	s.post(t, "/api/run", `{"ids":["hello"]}`)
	sc := bufio.NewScanner(resp.Body)
	var got string
	for sc.Scan() && got == "" {
		if line, ok := strings.CutPrefix(sc.Text(), "data: "); ok && strings.Contains(line, `"output"`) {
			var ev struct {
				ID     string
				Output struct{ Text string }
			}
			json.Unmarshal([]byte(line), &ev)
			got = ev.Output.Text
		}
	}
	if got != "hello from serve\n" {
		t.Fatalf("streamed output %q", got)
	}
	s.post(t, "/api/cells", `{"index":0,"kind":"markdown","source":"unsaved edit"}`)
	s.stop(t)
	nb, err := notebook.Load(filepath.Join(dir, "b.cairn.md"))
	if err != nil || nb.Cells[0].Source != "unsaved edit" {
		t.Fatalf("after SIGINT the edit was not saved: %v %+v", err, nb)
	}
}

// Without a display `cairn open` serves to the browser instead and says so; an empty folder
// gets an Untitled notebook that is written only when saved.
func TestOpenFallsBackToServe(t *testing.T) {
	dir := t.TempDir()
	s, opened := startServe(t, []string{"DISPLAY=", "WAYLAND_DISPLAY="}, "open", dir)
	if opened != filepath.Join(dir, "Untitled.cairn.md") {
		t.Errorf("serving %s", opened)
	}
	if !strings.Contains(s.stderr.String(), "serving to the browser instead") {
		t.Errorf("stderr does not say it fell back: %s", s.stderr)
	}
	if _, err := os.Stat(opened); err == nil {
		t.Error("Untitled.cairn.md written before any save")
	}
	s.post(t, "/api/save", "")
	if _, err := notebook.Load(opened); err != nil {
		t.Error(err)
	}
	s.stop(t)
}

func TestServeHelpAndBadInput(t *testing.T) {
	for _, cmd := range []string{"serve", "open"} {
		out, _, code := cairn(t, cmd, "--help")
		if code != 0 || !strings.Contains(out, "Usage: cairn "+cmd) {
			t.Errorf("%s --help: exit %d\n%s", cmd, code, out)
		}
	}
	_, errs, code := cairn(t, "serve", filepath.Join(t.TempDir(), "missing.cairn.md"), "--no-browser")
	if code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing notebook: exit %d: %s", code, errs)
	}
	_, errs, code = cairn(t, "serve", "a", "b")
	if code != 2 || !strings.Contains(errs, "at most one PATH") {
		t.Errorf("two paths: exit %d: %s", code, errs)
	}
	_, errs, code = cairn(t, "serve", t.TempDir(), "--addr", "256.0.0.1:0", "--no-browser")
	if code != 1 || !strings.Contains(errs, "cairn serve:") {
		t.Errorf("bad address: exit %d: %s", code, errs)
	}
}

// lockedBuffer collects a child's stderr while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
