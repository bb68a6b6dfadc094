package eval

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/kernel/symbols"
)

func TestSmokeSymbols(t *testing.T) {
	t0 := time.Now()
	e, err := New(Options{Exports: symbols.Exports(), Source: symbols.Source()})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("new", time.Since(t0))
	for _, src := range strings.Split(os.Getenv("CELLS"), "\n---\n") {
		t0 := time.Now()
		vals, err := e.Eval(context.Background(), src)
		var out []string
		for _, v := range vals {
			out = append(out, Text(v))
		}
		fmt.Printf("%q => %v err=%v (%v)\n", src, out, err, time.Since(t0))
	}
}
