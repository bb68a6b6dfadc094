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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *timeout == 0 {
		if *timeout, err = nb.Meta.Kernel.TimeoutDuration(); err != nil {
			fmt.Fprintf(os.Stderr, "cairn run: %s: %v\n", pos[0], err)
			return 2
		}
	}
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	r := &runner{path: pos[0], nb: nb, output: *output, html: *html, timeout: *timeout,
		screen: newScreen(os.Stdout, os.Stderr)}
	return r.run(ctx, prelude)
}

type runner struct {
	path    string
	nb      *notebook.Notebook
	output  string
	html    string
	timeout time.Duration
	screen  *screen

	mu sync.Mutex // the cells' outputs, written by late goroutines' events too
}

func (r *runner) run(ctx context.Context, prelude string) int {
	limit, err := r.nb.Meta.Kernel.MemoryBytes()
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn run: %s: %v\n", r.path, err)
		return 2
	}
	start := time.Now()
	k, err := runtime.Start(runtime.Options{Dir: filepath.Dir(r.path), MemoryLimit: limit})
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn run: %v\n", err)
		return 1
	}
	defer k.Close()

	if prelude != "" {
		res := k.Execute(ctx, "params", "go", prelude, nil, r.screen.event)
		r.screen.flush()
		if res.Status != runtime.OK {
			fmt.Fprintf(os.Stderr, "cairn run: setting the parameters failed: %s\n", describe(res))
			return 1
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
			fmt.Fprintf(os.Stderr, "cairn run: %s\n", r.why(ctx, where, res))
			if errors.Is(ctx.Err(), context.Canceled) {
				return 130
			}
			return 1
		}
		fmt.Fprintf(os.Stderr, "      ok (%s)\n", roundDuration(res.Duration))
	}
	if !r.save() {
		return 1
	}
	fmt.Fprintf(os.Stderr, "cairn run: %d cells ran in %s\n", len(code), roundDuration(time.Since(start)))
	return 0
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
