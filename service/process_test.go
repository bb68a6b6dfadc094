package service

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/ml"
)

// TestMain lets the tests run this test binary as the service program: with
// CAIRN_SERVICE_BUNDLE set, it serves that model file (a real process, real signals).
func TestMain(m *testing.M) {
	if path := os.Getenv("CAIRN_SERVICE_BUNDLE"); path != "" {
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr, func() ([]byte, error) { return os.ReadFile(path) }))
	}
	os.Exit(m.Run())
}

type proc struct {
	cmd    *exec.Cmd
	addr   string
	exited chan error
	mu     sync.Mutex
	log    bytes.Buffer // stderr
}

func (p *proc) stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

// startService runs the service on the test model at 127.0.0.1:0 and waits for its address.
func startService(t *testing.T, args ...string) *proc {
	t.Helper()
	path := filepath.Join(t.TempDir(), "model")
	var b bytes.Buffer
	if err := ml.Save(&b, testModel(t)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], append([]string{"--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "CAIRN_SERVICE_BUNDLE="+path)
	pr, pw := io.Pipe()
	p := &proc{cmd: cmd, exited: make(chan error, 1)}
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	addr := make(chan string, 1)
	scanned := make(chan struct{})
	go func() {
		defer close(scanned)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.log.WriteString(line + "\n")
			p.mu.Unlock()
			var rec map[string]any
			if json.Unmarshal([]byte(line), &rec) == nil && rec["msg"] == "listening" {
				addr <- rec["addr"].(string)
			}
		}
	}()
	go func() { err := cmd.Wait(); pw.Close(); <-scanned; p.exited <- err }()
	select {
	case p.addr = <-addr:
	case err := <-p.exited:
		t.Fatalf("the service exited: %v\n%s", err, p.stderr())
	case <-time.After(20 * time.Second):
		t.Fatalf("the service did not start\n%s", p.stderr())
	}
	return p
}

// SIGTERM during a slow in-flight request: the request is still answered, /readyz of a new
// connection is refused, the process exits 0 and every log line is JSON.
func TestGracefulShutdown(t *testing.T) {
	p := startService(t)
	body := mustJSON(goodRow())
	conn, err := net.Dial("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:5])
	time.Sleep(100 * time.Millisecond) // the server is reading the body: the request is in flight
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	select {
	case err := <-p.exited:
		t.Fatalf("exited with a request in flight: %v\n%s", err, p.stderr())
	default:
	}
	if _, err := io.WriteString(conn, body[5:]); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to the in-flight request: %v\n%s", err, p.stderr())
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "predictions") {
		t.Fatalf("in-flight request: %d %s", resp.StatusCode, b)
	}
	select {
	case err := <-p.exited:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, p.stderr())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("still running after the in-flight request ended\n%s", p.stderr())
	}
	for _, line := range strings.Split(strings.TrimSpace(p.stderr()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil || rec["level"] == nil || rec["time"] == nil {
			t.Errorf("log line is not a JSON record: %q", line)
		}
	}
	if !strings.Contains(p.stderr(), `"msg":"stopped"`) {
		t.Errorf("no stopped record:\n%s", p.stderr())
	}
}

func TestCommandLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "model")
	var b bytes.Buffer
	if err := ml.Save(&b, testModel(t)); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(path, b.Bytes(), 0o644)
	run := func(env []string, args ...string) (string, int) {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), env...)
		out, _ := cmd.CombinedOutput()
		return string(out), cmd.ProcessState.ExitCode()
	}
	withModel := []string{"CAIRN_SERVICE_BUNDLE=" + path}
	if out, code := run(withModel, "--help"); code != 0 || !strings.Contains(out, "POST /predict") || !strings.Contains(out, "-max-body") {
		t.Errorf("--help: %d %s", code, out)
	}
	if out, code := run(withModel, "--version"); code != 0 || !strings.Contains(out, "cairn-service") || !strings.Contains(out, "logistic_regression") {
		t.Errorf("--version: %d %s", code, out)
	}
	if out, code := run(withModel, "--bogus"); code != 2 || !strings.Contains(out, "bogus") {
		t.Errorf("--bogus: %d %s", code, out)
	}
	if out, code := run(withModel, "--addr", "300.0.0.1:1"); code != 1 || !strings.Contains(out, "cannot listen") {
		t.Errorf("bad address: %d %s", code, out)
	}
	_ = os.WriteFile(path, []byte("cairn-model 1 sha256:00 5\nhello"), 0o644)
	if out, code := run(withModel); code != 1 || !strings.Contains(out, "corrupt") {
		t.Errorf("corrupt bundle: %d %s", code, out)
	}
}

// PORT gives the port when --addr is not given.
func TestPortEnv(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	path := filepath.Join(t.TempDir(), "model")
	var b bytes.Buffer
	_ = ml.Save(&b, testModel(t))
	_ = os.WriteFile(path, b.Bytes(), 0o644)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "CAIRN_SERVICE_BUNDLE="+path, fmt.Sprintf("PORT=%d", port))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/readyz", port))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("/readyz %d", resp.StatusCode)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing on PORT %d: %v", port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
