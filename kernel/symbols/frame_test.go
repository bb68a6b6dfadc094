package symbols

import (
	"context"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/kernel/eval"
	"github.com/cairn-notebook/cairn/kernel/frame"
	"github.com/cairn-notebook/cairn/kernel/sql"
)

// cairn/frame type-checks and runs under both import paths; the kernel's setters are hidden.
func TestFrameImportPaths(t *testing.T) {
	e := sql.New(sql.Options{})
	frame.Use(e)
	t.Cleanup(func() { frame.Use(nil); _ = e.Close() })
	for _, path := range []string{"cairn/frame", "github.com/cairn-notebook/cairn/kernel/frame"} {
		ev, err := eval.New(eval.Options{Exports: Exports(), Source: Source()})
		if err != nil {
			t.Fatal(err)
		}
		vals, err := ev.Eval(context.Background(), `import "`+path+`"
type P struct { X int; Y float64 }
if err := frame.Register("p", []P{{1, 2.5}, {2, 3.5}}); err != nil { panic(err) }
f, err := frame.Query("select sum(X) as x, sum(Y) as y from p")
if err != nil { panic(err) }
var c *frame.Column = f.Col("y")
c.Float64s()[0] + float64(f.Col("x").Int64s()[0])`)
		if err != nil || len(vals) != 1 || vals[0].Interface() != 9.0 {
			t.Fatalf("%s: %v %v", path, vals, err)
		}
		for _, hidden := range []string{"Use", "SetContext", "SetBound"} {
			_, err := ev.Eval(context.Background(), `import "`+path+`"
_ = frame.`+hidden)
			if err == nil || !strings.Contains(err.Error(), hidden) {
				t.Errorf("frame.%s reachable from a cell: %v", hidden, err)
			}
		}
	}
}
