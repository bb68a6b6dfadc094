package eval

import (
	"context"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/cairn-notebook/cairn/kernel/symbols"
)

// The kernel's goals: a trivial cell round trip within 1 ms, a kernel start within 100 ms.
// Bounds here are 5× looser (CI machines are slow and shared); the numbers are logged.
func TestTiming(t *testing.T) {
	start := time.Now()
	e, err := New(Options{Exports: symbols.Exports(), Source: symbols.Source()})
	if err != nil {
		t.Fatal(err)
	}
	created := time.Since(start)
	plain := interp.New(interp.Options{})
	if err := plain.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	show(t, e, `import "strings"`)
	ctx := context.Background()
	const n = 100 // a notebook's worth: yaegi's global frame grows with every compile
	timeIt := func(f func() error) time.Duration {
		start := time.Now()
		for range n {
			if err := f(); err != nil {
				t.Fatal(err)
			}
		}
		return time.Since(start) / n
	}
	wrapped := timeIt(func() error { _, err := e.Eval(ctx, "1+1"); return err })
	raw := timeIt(func() error { _, err := plain.EvalWithContext(ctx, "1+1"); return err })
	typed := timeIt(func() error { _, err := e.Eval(ctx, `strings.Count("abc", "b")`); return err })
	t.Logf("New %v; 1+1: Eval %v, interp.EvalWithContext %v; a type-checked call %v", created, wrapped, raw, typed)
	if created > 500*time.Millisecond || wrapped > 5*time.Millisecond || typed > 5*time.Millisecond {
		t.Errorf("too slow")
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{Exports: symbols.Exports(), Source: symbols.Source()}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalTrivial(b *testing.B) {
	e := newEval(b)
	for b.Loop() {
		if _, err := e.Eval(context.Background(), "1+1"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlainInterpEval(b *testing.B) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := i.EvalWithContext(context.Background(), "1+1"); err != nil {
			b.Fatal(err)
		}
	}
}
