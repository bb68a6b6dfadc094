package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cairn-notebook/cairn/app/convert"
	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/app/runtime"
)

const runAbout = `Runs every code cell of NOTEBOOK, in order, in a fresh kernel, printing each cell's progress
(on stderr) and its output (stdout and stderr as the cell writes them). Exits 0 when every cell
succeeds; otherwise non-zero, naming the failing cell, its line in the notebook, and the error.

Parameters declared in the notebook's front matter (params:) become Go variables defined before
the first cell; --param overrides their defaults: --param rows=5000 --param name=test.`

type paramFlags []string

func (p *paramFlags) String() string     { return strings.Join(*p, ",") }
func (p *paramFlags) Set(v string) error { *p = append(*p, v); return nil }

func runCmd(args []string) int {
	fs := newFlags("run", "NOTEBOOK [--param k=v]... [--output FILE] [--html FILE] [--timeout D]", runAbout)
	var params paramFlags
	fs.Var(&params, "param", "set a notebook parameter, `k=v` (repeatable)")
	output := fs.String("output", "", "write the notebook with each cell's outputs saved after it to `FILE`")
	html := fs.String("html", "", "write a self-contained HTML report of the run (code, outputs, charts) to `FILE`")
	timeout := fs.Duration("timeout", 0, "stop and fail when the whole run takes longer than `D` (e.g. 30s, 10m); 0 = no limit")
	pos, code, ok := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(os.Stderr, "cairn run: expected one NOTEBOOK argument; see 'cairn run --help'")
		return 2
	}
	nb, err := notebook.Load(pos[0])
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn run: %v\n", err)
		return 1
	}
	prelude, err := paramCell(nb, params)
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn run: %v\n", err)
		return 2
	}
	r := &runner{cmd: "run", path: pos[0], nb: nb, output: *output, html: *html, timeout: *timeout,
		screen: newScreen(os.Stdout, os.Stderr)}
	return r.run(prelude, func(_ context.Context, _ *runtime.Kernel, start time.Time) int {
		if !r.save() {
			return 1
		}
		fmt.Fprintf(os.Stderr, "cairn run: %d cells ran in %s\n", len(nb.CodeCells()), roundDuration(time.Since(start)))
		return 0
	})
}

// runner runs a notebook's cells headless in a fresh kernel: cairn run, and cairn export
// before it takes the model.
type runner struct {
	cmd     string // "run" or "export", for messages
	path    string
	nb      *notebook.Notebook
	output  string // --output, --html: what save writes ("" for none)
	html    string
	timeout time.Duration // --timeout; 0: the notebook's kernel.timeout, if any
	screen  *screen

	mu sync.Mutex // the cells' outputs, written by late goroutines' events too
}

// context is the run's context: Ctrl-C interrupts it, and the time limit ends it (r.timeout,
// else the notebook's kernel.timeout; r.timeout is set to the one used).
func (r *runner) context() (context.Context, context.CancelFunc, error) {
	if r.timeout == 0 {
		var err error
		if r.timeout, err = r.nb.Meta.Kernel.TimeoutDuration(); err != nil {
			return nil, nil, err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	if r.timeout <= 0 {
		return ctx, stop, nil
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	return ctx, func() { cancel(); stop() }, nil
}

// run runs the notebook (r.context, r.execute) and then then, with the kernel the cells ran
// in and when they started; it returns then's exit code, or the run's when it failed.
func (r *runner) run(prelude string, then func(ctx context.Context, k *runtime.Kernel, start time.Time) int) int {
	ctx, stop, err := r.context()
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn %s: %s: %v\n", r.cmd, r.path, err)
		return 2
	}
	defer stop()
	start := time.Now()
	k, code := r.execute(ctx, prelude)
	if k != nil {
		defer k.Close()
	}
	if code != 0 {
		return code
	}
	return then(ctx, k, start)
}

// execute starts the kernel and runs the parameter cell and every code cell, printing their
// progress; a failing cell ends it, after save. It returns the kernel (nil when it did not
// start; the caller closes it) and the exit code: 0 when every cell ran.
func (r *runner) execute(ctx context.Context, prelude string) (*runtime.Kernel, int) {
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(os.Stderr, "cairn "+r.cmd+": "+format+"\n", a...)
		return code
	}
	limit, err := r.nb.Meta.Kernel.MemoryBytes()
	if err != nil {
		return nil, fail(2, "%s: %v", r.path, err)
	}
	k, err := runtime.Start(runtime.Options{Dir: filepath.Dir(r.path), MemoryLimit: limit})
	if err != nil {
		return nil, fail(1, "%v", err)
	}
	if prelude != "" {
		res := k.Execute(ctx, "params", "go", prelude, nil, r.screen.event)
		r.screen.flush()
		if res.Status != runtime.OK {
			return k, fail(1, "setting the parameters failed: %s", describe(res))
		}
	}
	code := r.nb.CodeCells()
	for i, c := range code {
		fmt.Fprintf(os.Stderr, "[%d/%d] cell %s (%s:%d)\n", i+1, len(code), c.ID, r.path, c.Line)
		r.mu.Lock()
		c.Outputs = nil
		r.mu.Unlock()
		res := k.Execute(ctx, c.ID, c.Lang, c.Source, runtime.CellOptions(c.Options), func(ev runtime.Event) {
			r.screen.event(ev)
			r.record(c, ev)
		})
		r.screen.flush()
		if res.Status != runtime.OK {
			r.mu.Lock()
			c.Outputs = append(c.Outputs, notebook.Output{Kind: "error", Text: describe(res)})
			r.mu.Unlock()
			r.save()
			where := fmt.Sprintf("cell %s (%s:%d)", c.ID, r.path, c.Line+errLine(res))
			if errors.Is(ctx.Err(), context.Canceled) {
				return k, fail(130, "%s", r.why(ctx, where, res))
			}
			return k, fail(1, "%s", r.why(ctx, where, res))
		}
		fmt.Fprintf(os.Stderr, "      ok (%s)\n", roundDuration(res.Duration))
	}
	return k, 0
}

// why says what went wrong where, naming Ctrl-C or the deadline when they were the cause.
func (r *runner) why(ctx context.Context, where string, res runtime.Result) string {
	if res.Status == runtime.Interrupted || ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Sprintf("timed out after %v (--timeout) in %s", r.timeout, where)
		}
		if ctx.Err() != nil {
			return "interrupted in " + where
		}
	}
	return where + " failed: " + describe(res)
}

// save writes what --output and --html ask for: at the end, or after the failing cell.
func (r *runner) save() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.output != "" {
		if err := notebook.Save(r.output, r.nb); err != nil {
			fmt.Fprintf(os.Stderr, "cairn run: writing the output notebook: %v\n", err)
			return false
		}
	}
	if r.html != "" {
		page, err := convert.ToHTML(r.nb, convert.HTMLOptions{Dir: filepath.Dir(r.path)})
		if err == nil {
			err = notebook.WriteFile(r.html, page)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "cairn run: writing the HTML report: %v\n", err)
			return false
		}
	}
	return true
}

// describe says in one line how a cell ended badly.
func describe(res runtime.Result) string {
	switch {
	case res.Status == runtime.Died:
		return res.Reason
	case res.Err != nil:
		return res.Err.Error()
	}
	return string(res.Status)
}

// errLine is the failing line's offset from the cell's fence, so the message names the file line.
func errLine(res runtime.Result) int {
	if res.Err != nil && res.Err.Line > 0 {
		return res.Err.Line
	}
	return 0
}

// record adds an event to the outputs saved with --output: consecutive stream chunks are
// joined, and an update replaces the data of its display, in whichever cell shows it (late
// events of a goroutine are recorded with the cell running then).
func (r *runner) record(c *notebook.Cell, ev runtime.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev.Kind {
	case "stream":
		c.AppendOutput(notebook.Output{Kind: notebook.OutputStream, Name: ev.Name, Text: ev.Text})
	case "display", "result":
		c.AppendOutput(notebook.Output{Kind: ev.Kind, Data: ev.Data, DisplayID: ev.DisplayID})
	case "update_display":
		r.nb.UpdateDisplay(ev.DisplayID, ev.Data)
	}
}

func roundDuration(d time.Duration) time.Duration {
	switch {
	case d > time.Second:
		return d.Round(10 * time.Millisecond)
	case d > time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
