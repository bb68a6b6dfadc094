package runtime

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/kernel/kerneltest"
)

// Kernels are started from a real cairn binary.
func TestMain(m *testing.M) { kerneltest.Main(m) }

// recorder collects a cell's events; safe for the late output of goroutines.
type recorder struct {
	mu     sync.Mutex
	events []Event
	at     []time.Time
}

func (r *recorder) sink(ev Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
	r.at = append(r.at, time.Now())
}

func (r *recorder) stream(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, ev := range r.events {
		if ev.Kind == "stream" && ev.Name == name {
			b.WriteString(ev.Text)
		}
	}
	return b.String()
}

func (r *recorder) result() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, ev := range r.events {
		if ev.Kind == "result" {
			return ev.Data["text/plain"]
		}
	}
	return ""
}

func startKernel(t *testing.T, opt Options) *Kernel {
	t.Helper()
	opt.Exe = kerneltest.Exe(t)
	if opt.MemoryLimit == 0 {
		opt.MemoryLimit = 1 << 30
	}
	k, err := Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { k.Close() })
	return k
}

func run(t *testing.T, k *Kernel, code string) (Result, *recorder) {
	t.Helper()
	rec := &recorder{}
	res := k.Execute(context.Background(), "c", "go", code, nil, rec.sink)
	return res, rec
}

func TestOutputAndResult(t *testing.T) {
	k := startKernel(t, Options{})
	res, rec := run(t, k, "import \"fmt\"\nimport \"os\"\nfmt.Println(\"out\")\nfmt.Fprintln(os.Stderr, \"err\")\nx := 40\nx + 2")
	if res.Status != OK {
		t.Fatalf("status %s: %v", res.Status, res.Err)
	}
	if got := rec.stream("stdout"); got != "out\n" {
		t.Errorf("stdout %q, want %q", got, "out\n")
	}
	if got := rec.stream("stderr"); got != "err\n" {
		t.Errorf("stderr %q, want %q", got, "err\n")
	}
	if got := rec.result(); got != "42" {
		t.Errorf("result %q, want 42", got)
	}
	// State carries over to the next cell.
	if res, rec := run(t, k, "x * 2"); res.Status != OK || rec.result() != "80" {
		t.Errorf("next cell: %s %v result %q", res.Status, res.Err, rec.result())
	}
}

// What compiled libraries print is captured at the file descriptor: log's default logger
// writes to fd 2 through its own reference, and a child process inherits fds 1 and 2.
func TestCompiledOutputCaptured(t *testing.T) {
	k := startKernel(t, Options{})
	res, rec := run(t, k, "import (\"log\"; \"os/exec\"; \"os\")\nlog.SetFlags(0)\nlog.Print(\"from log\")\ncmd := exec.Command(\"echo\", \"from a child\")\ncmd.Stdout = os.Stdout\ncmd.Run()")
	if res.Status != OK || rec.stream("stderr") != "from log\n" || rec.stream("stdout") != "from a child\n" {
		t.Fatalf("status %s %v, stdout %q, stderr %q", res.Status, res.Err, rec.stream("stdout"), rec.stream("stderr"))
	}
}

func TestStreamsWhileRunning(t *testing.T) {
	k := startKernel(t, Options{})
	start := time.Now()
	res, rec := run(t, k, "import (\"fmt\"; \"time\")\nfor i := 0; i < 5; i++ { fmt.Println(i); time.Sleep(100 * time.Millisecond) }")
	end := time.Now()
	if res.Status != OK {
		t.Fatalf("status %s: %v", res.Status, res.Err)
	}
	if got := rec.stream("stdout"); got != "0\n1\n2\n3\n4\n" {
		t.Fatalf("stdout %q", got)
	}
	if first := rec.at[0]; first.Sub(start) > end.Sub(start)/2 {
		t.Errorf("first output arrived %v after start of a %v cell: not streamed", first.Sub(start), end.Sub(start))
	}
}

// Output of a goroutine that outlives its cell reaches the last cell's sink.
func TestLateGoroutineOutputKept(t *testing.T) {
	k := startKernel(t, Options{})
	res, rec := run(t, k, "import (\"fmt\"; \"time\")\ngo func() { time.Sleep(200 * time.Millisecond); fmt.Println(\"late\") }()")
	if res.Status != OK {
		t.Fatalf("status %s: %v", res.Status, res.Err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for rec.stream("stdout") != "late\n" {
		if time.Now().After(deadline) {
			t.Fatalf("late output lost: %q", rec.stream("stdout"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestCompileErrorKeepsKernel(t *testing.T) {
	k := startKernel(t, Options{})
	res, _ := run(t, k, "x := 1\ny := undefinedThing + x")
	if res.Status != Failed || res.Err == nil || !strings.Contains(res.Err.Msg, "undefinedThing") || res.Err.Line != 2 {
		t.Fatalf("got %s %+v, want a compile error on line 2 naming undefinedThing", res.Status, res.Err)
	}
	if res, rec := run(t, k, "1 + 1"); res.Status != OK || rec.result() != "2" {
		t.Fatalf("kernel unusable after an error: %s %v", res.Status, res.Err)
	}
}

func TestInterruptInfiniteLoop(t *testing.T) {
	k := startKernel(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	res := k.Execute(ctx, "loop", "go", "n := 0\nfor { n++ }", nil, func(Event) {})
	if res.Status != Interrupted {
		t.Fatalf("status %s (%s %v), want interrupted", res.Status, res.Reason, res.Err)
	}
	if res, rec := run(t, k, "\"still alive\""); res.Status != OK || rec.result() != `"still alive"` {
		t.Fatalf("after interrupt: %s %v %q", res.Status, res.Err, rec.result())
	}
}

// A cell stuck in a compiled call cannot be stopped from inside: the kernel is killed and says so.
func TestInterruptStuckCompiledCall(t *testing.T) {
	k := startKernel(t, Options{InterruptGrace: 500 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	res := k.Execute(ctx, "sleep", "go", "import \"time\"\ntime.Sleep(time.Hour)", nil, func(Event) {})
	if res.Status != Died || !strings.Contains(res.Reason, "did not stop") {
		t.Fatalf("got %s %q, want died: did not stop", res.Status, res.Reason)
	}
	if err := k.Restart(); err != nil {
		t.Fatal(err)
	}
	if res, _ := run(t, k, "1"); res.Status != OK {
		t.Fatalf("after restart: %s %v", res.Status, res.Err)
	}
}
