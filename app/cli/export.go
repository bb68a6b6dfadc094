package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/cairn-notebook/cairn/app/export"
	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/app/runtime"
)

const exportAbout = `Runs every code cell of NOTEBOOK in a fresh kernel (like cairn run), takes the model
(*ml.Model) bound to the Go variable NAME, and writes PATH: a standalone REST service binary for
GOOS/GOARCH (default: this machine's) with the model inside. It needs no Go toolchain and no
network. Run PATH --help for the service's endpoints, and see docs/service.md.

Targets: linux/amd64, linux/arm64, darwin/amd64, darwin/arm64, windows/amd64 (give PATH an .exe
extension for Windows).`

func exportCmd(args []string) int {
	fs := newFlags("export", "NOTEBOOK --model NAME --out PATH [--target GOOS/GOARCH]", exportAbout)
	name := fs.String("model", "", "the Go variable holding the model, `NAME`")
	out := fs.String("out", "", "write the service binary to `PATH`")
	target := fs.String("target", export.Host(), "the `GOOS/GOARCH` the service runs on")
	var params paramFlags
	fs.Var(&params, "param", "set a notebook parameter, `k=v` (repeatable)")
	pos, code, ok := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(os.Stderr, "cairn export: "+format+"\n", a...)
		return code
	}
	switch {
	case len(pos) != 1:
		return fail(2, "expected one NOTEBOOK argument; see 'cairn export --help'")
	case *name == "":
		return fail(2, "--model NAME is required: the Go variable that holds the model")
	case *out == "":
		return fail(2, "--out PATH is required: where to write the service binary")
	}
	if err := export.Check(*target); err != nil { // before minutes of running cells
		return fail(2, "%v", err)
	}
	nb, err := notebook.Load(pos[0])
	if err != nil {
		return fail(1, "%v", err)
	}
	prelude, err := paramCell(nb, params)
	if err != nil {
		return fail(2, "%v", err)
	}
	r := &runner{cmd: "export", path: pos[0], nb: nb, screen: newScreen(os.Stderr, os.Stderr)} // stdout: the summary only
	return r.run(prelude, func(ctx context.Context, k *runtime.Kernel, start time.Time) int {
		ran := time.Since(start)
		t0 := time.Now()
		model, err := k.ExportModel(ctx, *name, export.ProblemText(nb.Meta.Problem))
		if err != nil {
			return fail(1, "%v", err)
		}
		size, err := export.Write(*out, *target, model)
		if err != nil {
			return fail(1, "%v", err)
		}
		fmt.Printf("wrote %s: %s service for %s, %.1f MB (model %.1f kB), exported in %s after the notebook ran in %s\n",
			*out, *name, *target, float64(size)/1e6, float64(len(model))/1e3, roundDuration(time.Since(t0)), roundDuration(ran))
		return 0
	})
}
