package eval

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestSmoke(t *testing.T) {
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range strings.Split(os.Getenv("CELLS"), "\n---\n") {
		vals, err := e.Eval(context.Background(), src)
		var out []string
		for _, v := range vals {
			out = append(out, Text(v))
		}
		fmt.Printf("%q => %v err=%v\n", src, out, err)
	}
}
