// Command bench/service measures an exported Cairn model service against a FastAPI + uvicorn
// service of the equivalent scikit-learn model trained on the same data: throughput and
// latency at 1 and 32 connections, plus export time, start-to-ready time and binary size.
// Loopback only, bounded in time. Usage: go run ./bench/service [-cairn build/bin/cairn].
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/cairn-notebook/cairn/service/bundle"
)

func main() {
	cairn := flag.String("cairn", "build/bin/cairn", "the cairn binary (make build)")
	app := flag.String("app", "bench/service/fastapi_app.py", "the FastAPI baseline")
	dur := flag.Duration("duration", 4*time.Second, "length of each load run")
	out := flag.String("out", "", "also write the results as Markdown to this file")
	flag.Parse()
	if err := run(*cairn, *app, *dur, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench/service:", err)
		os.Exit(1)
	}
}

func run(cairn, app string, dur time.Duration, out string) error {
	cairn, err := filepath.Abs(cairn) // the export runs in the data's folder
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "bench-service-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	rows := generate(5000, 1)
	train, test := rows[:4000], rows[4000:]
	data := filepath.Join(dir, "data.csv")
	nb := filepath.Join(dir, "bench.cairn.md")
	if err := writeCSV(data, train); err != nil {
		return err
	}
	if err := os.WriteFile(nb, []byte(notebook), 0o644); err != nil {
		return err
	}
	var bodies [][]byte
	for _, r := range test {
		bodies = append(bodies, requestBody(r))
	}
	var rep report

	// Export: the whole command (kernel start, notebook run included), and its export step.
	svc := filepath.Join(dir, "svc")
	t0 := time.Now()
	cmd := exec.Command(cairn, "export", nb, "--model", "model", "--out", svc)
	cmd.Dir = dir
	msg, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("cairn export: %v\n%s", err, msg)
	}
	rep.exportTotal = time.Since(t0)
	if m := regexp.MustCompile(`exported in (\S+)`).FindSubmatch(msg); m != nil {
		rep.exportStep, _ = time.ParseDuration(string(m[1]))
	}
	st, err := os.Stat(svc)
	if err != nil {
		return err
	}
	b, err := bundle.ReadFile(svc)
	if err != nil {
		return err
	}
	rep.size, rep.model = st.Size(), int64(len(b))

	for range 5 {
		d, err := startToReady(svc)
		if err != nil {
			return err
		}
		rep.starts = append(rep.starts, d)
	}
	slices.Sort(rep.starts)
	if rep.big, err = bigModel(svc); err != nil {
		return fmt.Errorf("the big model: %w", err)
	}

	cairnURL, stop, err := serve(exec.Command(svc, "--addr", "ADDR"), "/readyz", 10*time.Second)
	if err != nil {
		return err
	}
	addr := strings.TrimPrefix(cairnURL, "http://")
	reqs := predicts(addr, bodies)
	load(addr, reqs, 4, 500*time.Millisecond, 2000) // warm-up
	rep.cairn = []result{load(addr, reqs, 1, dur, 1e6), load(addr, reqs, 32, dur, 2e6)}
	// The same server answering GET /healthz, which costs nothing: the round trip's own limit.
	rep.bare = load(addr, get(addr, "/healthz"), 1, dur/2, 1e6)

	// Debian's python3, which has python3-fastapi, python3-uvicorn and python3-sklearn.
	py := exec.Command("/usr/bin/python3", "-m", "uvicorn", "fastapi_app:app", "--app-dir", filepath.Dir(app),
		"--host", "127.0.0.1", "--port", "PORT", "--log-level", "warning")
	py.Env = append(os.Environ(), "BENCH_DATA="+data)
	pyURL, pyStop, err := serve(py, "/readyz", 90*time.Second)
	if err != nil {
		stop()
		return fmt.Errorf("the FastAPI baseline (apt-get install python3-fastapi python3-uvicorn python3-sklearn): %w", err)
	}
	rep.agree, rep.maxDiff, err = compare(cairnURL, pyURL, test)
	stop()
	if err != nil {
		pyStop()
		return err
	}
	pyAddr := strings.TrimPrefix(pyURL, "http://")
	pyReqs := predicts(pyAddr, bodies)
	load(pyAddr, pyReqs, 4, 500*time.Millisecond, 500)
	rep.fastapi = []result{load(pyAddr, pyReqs, 1, dur, 1e6), load(pyAddr, pyReqs, 32, dur, 1e6)}
	pyStop()

	text := rep.markdown(cairn)
	fmt.Print(text)
	if out != "" {
		return os.WriteFile(out, []byte(text), 0o644)
	}
	return nil
}

// freePort returns a loopback port nobody listens on now.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port, nil
}

// serve starts cmd with its ADDR / PORT arguments filled in, waits until ready answers 200
// and returns the base URL and a stop function (SIGTERM, then wait).
func serve(cmd *exec.Cmd, ready string, limit time.Duration) (string, func(), error) {
	port, err := freePort()
	if err != nil {
		return "", nil, err
	}
	for i, a := range cmd.Args {
		cmd.Args[i] = strings.NewReplacer("ADDR", "127.0.0.1:"+port, "PORT", port).Replace(a)
	}
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	stop := func() { _ = cmd.Process.Signal(syscall.SIGTERM); <-exited }
	url := "http://127.0.0.1:" + port
	deadline := time.Now().Add(limit)
	for {
		select {
		case <-exited:
			return "", nil, fmt.Errorf("%s exited before it was ready:\n%s", cmd.Args[0], logs.String())
		default:
		}
		if resp, err := http.Get(url + ready); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return url, stop, nil
			}
		}
		if time.Now().After(deadline) {
			stop()
			return "", nil, fmt.Errorf("%s not ready after %s:\n%s", cmd.Args[0], limit, logs.String())
		}
		time.Sleep(time.Millisecond)
	}
}

// startToReady is the time from starting the service to its first 200 from /readyz.
func startToReady(svc string) (time.Duration, error) {
	t0 := time.Now()
	_, stop, err := serve(exec.Command(svc, "--addr", "ADDR"), "/readyz", 10*time.Second)
	d := time.Since(t0)
	if err != nil {
		return 0, err
	}
	stop()
	return d, nil
}

// compare sends the test rows to both services in one batch: how many labels agree and the
// largest difference of a probability.
func compare(a, b string, test []row) (int, float64, error) {
	var rows []json.RawMessage
	for _, r := range test {
		rows = append(rows, requestBody(r))
	}
	body, _ := json.Marshal(map[string]any{"rows": rows})
	type answer struct {
		Predictions   []string
		Probabilities [][]float64
	}
	ask := func(url string) (answer, error) {
		var ans answer
		resp, err := http.Post(url+"/predict", "application/json", bytes.NewReader(body))
		if err != nil {
			return ans, err
		}
		defer resp.Body.Close()
		err = json.NewDecoder(resp.Body).Decode(&ans)
		if err == nil && len(ans.Predictions) != len(test) {
			err = fmt.Errorf("%s answered %d predictions for %d rows", url, len(ans.Predictions), len(test))
		}
		return ans, err
	}
	x, err := ask(a)
	if err != nil {
		return 0, 0, err
	}
	y, err := ask(b)
	if err != nil {
		return 0, 0, err
	}
	agree, diff := 0, 0.0
	for i := range test {
		if x.Predictions[i] == y.Predictions[i] {
			agree++
		}
		for c := range x.Probabilities[i] {
			diff = max(diff, math.Abs(x.Probabilities[i][c]-y.Probabilities[i][c]))
		}
	}
	return agree, diff, nil
}

// syncBuffer collects a child's stderr (written by exec's copier, read on failure).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
