package eval

import (
	"context"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlainInterpNew(b *testing.B) {
	for b.Loop() {
		i := interp.New(interp.Options{})
		if err := i.Use(stdlib.Symbols); err != nil {
			b.Fatal(err)
		}
	}
}

func benchEval(b *testing.B, setup, cell string) {
	e, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.Eval(ctx, setup); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Eval(ctx, cell); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalTrivial(b *testing.B) { benchEval(b, "", "1+1") }

func BenchmarkEvalCall(b *testing.B) {
	benchEval(b, `import "strings"
func f(x int) int { return x + 1 }
type T struct{ A, B int }
var xs = []T{{1, 2}}`, "f(strings.Count(\"abc\", \"b\"))")
}

func BenchmarkEvalLoop(b *testing.B) {
	benchEval(b, "", "s := 0\nfor i := range 1000 { s += i }\ns")
}

func BenchmarkPlainInterpEval(b *testing.B) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := i.EvalWithContext(ctx, "1+1"); err != nil {
			b.Fatal(err)
		}
	}
}

// Per-cell cost in a notebook-sized session: yaegi's global frame grows with every compile
// (resizeFrame copies it), so long benchmark loops measure that growth, not a cell.
func TestRoundTripTiming(t *testing.T) {
	const n = 200
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	start := time.Now()
	for range n {
		if _, err := e.Eval(ctx, "1+1"); err != nil {
			t.Fatal(err)
		}
	}
	wrapped := time.Since(start) / n
	start = time.Now()
	for range n {
		if _, err := i.EvalWithContext(ctx, "1+1"); err != nil {
			t.Fatal(err)
		}
	}
	plain := time.Since(start) / n
	if _, err := e.Eval(ctx, "import \"strings\""); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	for range n {
		if _, err := e.Eval(ctx, "strings.Count(\"abc\", \"b\")"); err != nil {
			t.Fatal(err)
		}
	}
	typed := time.Since(start) / n
	_ = typed
	t.Logf("1+1: Eval %v, plain interp.EvalWithContext %v; trailing call (type-checked) %v", wrapped, plain, typed)
}
