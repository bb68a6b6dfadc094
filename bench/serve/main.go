// Command serve measures `cairn serve`: time from start to the first page served and to an
// idle kernel, a trivial cell's round trip through HTTP + Server-Sent Events, and the idle
// memory of app plus kernel. Each is printed as a ratio against a baseline measured in the
// same run: a bare `cairn version` process, and the same cell through app/runtime directly.
//
//	go run ./bench/serve [-cairn build/bin/cairn] [-n 500] [-starts 10]
//
// Goals (issue 3): ready ≤ 300 ms, round trip ≤ 5 ms median, idle memory ≤ 100 MB (RSS and PSS
// are both printed: RSS counts the binary pages app and kernel share twice).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cairn-notebook/cairn/app/runtime"
	"github.com/cairn-notebook/cairn/bench/measure"
)

func main() {
	n := flag.Int("n", 500, "round trips per measurement")
	starts := flag.Int("starts", 10, "server starts per measurement")
	flag.StringVar(&bin, "cairn", "build/bin/cairn", "the cairn binary to measure (make bench builds it)")
	flag.Parse()
	dir, err := os.MkdirTemp("", "cairn-bench-serve")
	measure.Must(err)
	defer os.RemoveAll(dir)
	measure.Must(os.WriteFile(filepath.Join(dir, "bench.cairn.md"), []byte("```go id=c\n1 + 1\n```\n"), 0o644))

	version := measure.Sample(*starts, func() { measure.Must(cairn("version").Run()) })
	var page, idle []time.Duration
	for range *starts + 1 {
		s := startServe(dir)
		page = append(page, s.page)
		idle = append(idle, s.idle)
		s.stop()
	}
	measure.Header("cairn serve start", *starts)
	measure.Row("cairn version, start to exit (baseline)", version, version)
	measure.Row("serve start to first page served (goal ≤ 300 ms)", measure.Of(page[1:]), version)
	measure.Row("serve start to kernel idle (goal ≤ 300 ms)", measure.Of(idle[1:]), version)

	k, err := runtime.Start(runtime.Options{Exe: bin})
	measure.Must(err)
	direct := measure.Sample(*n, func() {
		if res := k.Execute(context.Background(), "c", "go", "1 + 1", nil, func(runtime.Event) {}); res.Status != runtime.OK {
			panic(fmt.Sprint(res))
		}
	})
	k.Close()
	s := startServe(dir)
	defer s.stop()
	events := s.events()
	viaHTTP := measure.Sample(*n, func() {
		s.post("/api/run", `{"ids":["c"]}`)
		for ev := range events {
			if ev.typ == "cell" && strings.Contains(ev.data, `"id":"c","state":"done"`) {
				return
			}
		}
		panic("event stream ended")
	})
	measure.Header("trivial cell round trip (1 + 1)", *n)
	measure.Row("app/runtime Kernel.Execute, in process (baseline)", direct, direct)
	measure.Row("POST /api/run to its SSE cell event (goal ≤ 5 ms)", viaHTTP, direct)

	time.Sleep(time.Second) // let the run settle: idle means idle
	cmd := cairn("version")
	measure.Must(cmd.Run())
	base := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
	// RSS counts the pages of the binary that app and kernel share (the same executable) in
	// both; PSS splits them between the processes, so its sum is the memory they really use.
	app, kern := memory(s.cmd.Process.Pid), mem{}
	for _, c := range children(s.cmd.Process.Pid) {
		m := memory(c)
		kern.rss, kern.pss = kern.rss+m.rss, kern.pss+m.pss
	}
	fmt.Printf("\nidle memory\n%-50s %12s %12s %10s\n", "", "RSS MB", "PSS MB", "× baseline")
	for _, r := range []struct {
		name string
		m    mem
	}{
		{"cairn version, peak RSS (baseline)", mem{rss: base}},
		{"serve app process", app},
		{"its kernel process", kern},
		{"app + kernel (goal ≤ 100 MB)", mem{app.rss + kern.rss, app.pss + kern.pss}},
	} {
		pss := "—" // a process that has exited has no PSS to read
		if r.m.pss > 0 {
			pss = fmt.Sprintf("%.1f", float64(r.m.pss)/1e6)
		}
		fmt.Printf("%-50s %12.1f %12s %9.1f×\n", r.name, float64(r.m.rss)/1e6, pss, float64(r.m.rss)/float64(base))
	}
}

type server struct {
	cmd        *exec.Cmd
	url        string
	client     *http.Client
	page, idle time.Duration
}

var servingLine = regexp.MustCompile(`at (http://[^/]+)/\?token=(\w+)`)

// startServe starts `cairn serve` and times the first page and the kernel becoming idle.
func startServe(dir string) *server {
	start := time.Now()
	cmd := cairn("serve", dir, "--no-browser")
	out, err := cmd.StdoutPipe()
	measure.Must(err)
	measure.Must(cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	measure.Must(err)
	m := servingLine.FindStringSubmatch(line)
	if m == nil {
		panic("unexpected first line: " + line)
	}
	jar, _ := cookiejar.New(nil)
	s := &server{cmd: cmd, url: m[1], client: &http.Client{Jar: jar}}
	resp, err := s.client.Get(s.url + "/?token=" + m[2])
	measure.Must(err)
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	s.page = time.Since(start)
	for ev := range s.events() {
		var d struct {
			State  string
			Kernel struct{ State string }
		}
		json.Unmarshal([]byte(ev.data), &d)
		if ev.typ == "snapshot" && d.Kernel.State == "idle" || ev.typ == "kernel" && d.State == "idle" {
			break
		}
	}
	s.idle = time.Since(start)
	return s
}

type event struct{ typ, data string }

// events returns the events of the SSE stream as they arrive.
func (s *server) events() <-chan event {
	resp, err := s.client.Get(s.url + "/api/events")
	measure.Must(err)
	c := make(chan event, 64)
	go func() {
		defer close(c)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 16<<20)
		var ev event
		for sc.Scan() {
			if t, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				ev.typ = t
			} else if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ev.data = d
				c <- ev
			}
		}
	}()
	return c
}

func (s *server) post(path, body string) {
	resp, err := s.client.Post(s.url+path, "application/json", strings.NewReader(body))
	measure.Must(err)
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		panic(path + ": " + resp.Status)
	}
}

func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	s.cmd.Wait()
}

// bin is the cairn binary under measurement.
var bin string

func cairn(args ...string) *exec.Cmd { return exec.Command(bin, args...) }

// mem is a process's resident and proportional set size in bytes.
type mem struct{ rss, pss int64 }

// memory reads a process's RSS and PSS from /proc/PID/smaps_rollup.
func memory(pid int) mem {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	measure.Must(err)
	var m mem
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "Rss:":
			m.rss = kb * 1024
		case "Pss:":
			m.pss = kb * 1024
		}
	}
	return m
}

func children(pid int) []int {
	var out []int
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, t := range tasks {
		b, _ := os.ReadFile(t)
		for _, f := range strings.Fields(string(b)) {
			c, _ := strconv.Atoi(f)
			out = append(out, c)
		}
	}
	return out
}
