package eval

import (
	"strings"
	"testing"
)

func wantErr(t *testing.T, err *Error, kind string, line, col int, msg string) {
	t.Helper()
	if err.Kind != kind || err.Line != line || err.Col != col || !strings.Contains(err.Msg, msg) {
		t.Errorf("got %+v, want %s at %d:%d containing %q", err, kind, line, col, msg)
	}
}

func TestCompileErrorsPointIntoTheCell(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "fmt"`)
	for _, c := range []struct {
		cell      string
		line, col int
		msg       string
	}{
		{"x := 1 +\n  \"a\"", 1, 6, "mismatched types"},                                                                 // statements
		{"func g() {\n\tvar q int = \"s\"\n}", 2, 14, `"s"`},                                                            // declarations
		{"type A int\n\nx := 1\nundefinedThing(x)", 4, 1, "undefined: undefinedThing"},                                  // after a declaration run
		{"x := 1\nfor x := range 3 {\n\tfmt.Println(x)\n\tnope()\n}", 4, 2, "undefined: nope"},                          // inside a range-over-int rewrite
		{"func seq(y func(int) bool) {}\nfor v := range seq {\n\t_ = v\n\tnope2()\n}", 4, 2, "nope2"},                   // inside a range-over-func rewrite
		{"var fs []func()\nfor i := 0; i < 2; i++ {\n\tfs = append(fs, func() { _ = i })\n\tnope3()\n}", 4, 2, "nope3"}, // per-iteration rewrite
		{"x := (1 +", 1, 10, "expected operand, found the end of the cell"},                                             // parse error
		{"fmt.Println(\"a\"\nfmt.Println(\"b\")", 1, 16, "missing ','"},
		{"func f() {\n\tx := 1", 2, 8, "found the end of the cell"},
		// yaegi crashes on this one; the message comes from go/types
		{"import \"errors\"\n_, err := os.Open(\"/x\")\nerrors.Is(err, nil)", 2, 11, "undefined: os"},
	} {
		wantErr(t, fail(t, e, c.cell), "compile", c.line, c.col, c.msg)
	}
}

func TestPanicsBecomeErrors(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "fmt"`)
	wantErr(t, fail(t, e, `panic("boom")`), "panic", 1, 1, "boom")
	wantErr(t, fail(t, e, "x := 1\ny := 2\nvar z []int\nz[5 + x + y]"), "runtime", 4, 1, "index out of range")
	wantErr(t, fail(t, e, "var m map[string]int\nm[\"a\"] = 1"), "runtime", 2, 1, "nil map")
	err := fail(t, e, `func boom(n int) int {
	if n == 0 {
		panic(fmt.Sprintf("deep %d", n))
	}
	return boom(n - 1)
}
a := 1
boom(a + 1)`)
	wantErr(t, err, "panic", 8, 1, "deep 0")
	if !strings.HasPrefix(err.Stack, "boom\nboom\nboom") {
		t.Errorf("stack = %q", err.Stack)
	}
	wantErr(t, fail(t, e, "type E struct{ Code int }\npanic(E{7})"), "panic", 2, 1, "{7}")
	// the evaluator goes on working, with its state
	want(t, show(t, e, "a + 1"), "2")
}

func TestErrorText(t *testing.T) {
	want(t, (&Error{Kind: "compile", Line: 2, Col: 5, Msg: "undefined: x"}).Error(), "compile error at line 2:5: undefined: x")
	want(t, (&Error{Kind: "panic", Line: 1, Col: 1, Msg: "boom"}).Error(), "panic at line 1:1: boom")
	want(t, (&Error{Kind: "interrupted", Msg: "interrupted"}).Error(), "interrupted: interrupted")
}

func TestTypeRedefinition(t *testing.T) {
	e := newEval(t)
	show(t, e, "type T struct{ A int }")
	show(t, e, "type T struct{ A int }") // the same again: fine
	want(t, show(t, e, "T{1}"), "{A:1}")
	err := fail(t, e, "x := 1\ntype T struct{ A string }")
	wantErr(t, err, "compile", 2, 6, "type T is already defined in this kernel as struct{A int}")
	if !strings.Contains(err.Msg, "restart the kernel") {
		t.Errorf("the message does not say what to do: %q", err.Msg)
	}
	wantErr(t, fail(t, e, "x"), "compile", 1, 1, "undefined: x") // nothing of the refused cell ran
	wantErr(t, fail(t, e, "type U struct{ A int `json:\"a\"` }\ntype U struct{ A int `json:\"b\"` }"), "compile", 2, 6, "type U is already defined")

	// A type whose own declaration failed to compile is not taken; it can be fixed.
	fail(t, e, "type V struct{ A innt }")
	want(t, show(t, e, "type V struct{ A int }\nV{2}"), "{A:2}")
}

func TestMethodRedefinition(t *testing.T) {
	e := newEval(t)
	show(t, e, "type P struct{ X int }\nfunc (p P) Get() int { return p.X }")
	want(t, show(t, e, "func (p P) Get() int { return p.X }\nP{3}.Get()"), "3") // re-run
	wantErr(t, fail(t, e, "func (p P) Get() int { return 2 * p.X }"), "compile", 1, 12, "method P.Get was already declared differently")
	// yaegi keeps a method whose body failed to compile: fixing it needs a restart, and says so
	fail(t, e, "func (p *P) Set(x int) { p.X = undefinedY }")
	wantErr(t, fail(t, e, "func (p *P) Set(x int) { p.X = x }"), "compile", 1, 13, "restart the kernel")
	// functions can change freely
	want(t, show(t, e, "func f() int { return 1 }", "func f() int { return 2 }", "f()"), "2")
}
