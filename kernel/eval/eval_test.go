package eval

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// newEval makes an evaluator on yaegi's standard library (with os.Exit unrestricted).
func newEval(t testing.TB) *Evaluator {
	t.Helper()
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// show runs cells in order, failing the test on any error, and returns the last cell's
// displayed values as Text joined by " | " ("" when nothing is displayed).
func show(t testing.TB, e *Evaluator, cells ...string) string {
	t.Helper()
	var vals []reflect.Value
	for _, src := range cells {
		var err error
		vals, err = e.Eval(context.Background(), src)
		if err != nil {
			t.Fatalf("cell %q: %v", src, err)
		}
	}
	texts := make([]string, len(vals))
	for i, v := range vals {
		texts[i] = Text(v)
	}
	return strings.Join(texts, " | ")
}

// fail runs cell, which must fail, and returns its *Error.
func fail(t testing.TB, e *Evaluator, cell string) *Error {
	t.Helper()
	vals, err := e.Eval(context.Background(), cell)
	var ee *Error
	if !errors.As(err, &ee) {
		t.Fatalf("cell %q: want an *Error, got values %v, error %v", cell, vals, err)
	}
	return ee
}

func want(t testing.TB, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStateIsSharedAcrossCells(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "strings"`)
	show(t, e, "x := 40")
	show(t, e, "func add(a, b int) int { return a + b }")
	show(t, e, "type Pair struct{ A, B int }")
	want(t, show(t, e, "p := Pair{add(x, 1), 1}\nstrings.Repeat(\"ab\", p.B+1)"), `"abab"`)
	want(t, show(t, e, "p.A + add(p.B, 0)"), "42")
}

// Statements separated by ; on one line run as in Go, around declarations too.
func TestSemicolonsSeparateStatements(t *testing.T) {
	e := newEval(t)
	want(t, show(t, e, `import "fmt"`, "a := 1; b := 2; a + b"), "3")
	want(t, show(t, e, "x := 1; type T int; y := T(2); int(y) + x"), "3")
	want(t, show(t, e, `s := "a;b"; t := 1; for i := 0; i < 2; i++ { t++ }; s + fmt.Sprint(t)`), `"a;b3"`)
}

// A top-level defer runs when the cell ends, last first, with its function and arguments
// evaluated where it stands; also after an error, and after a top-level return.
func TestTopLevelDefer(t *testing.T) {
	e := newEval(t)
	show(t, e, `import ("fmt"; "strings")`, "var log []string\nfunc note(s string) { log = append(log, s) }")
	want(t, show(t, e, `x := "early"
defer note(x)
x = "late"
defer note("second")
ch := make(chan int, 1)
defer close(ch)
note("body")
strings.Join(log, ",")`), `"body"`)
	want(t, show(t, e, `strings.Join(log, ",")`), `"body,second,early"`)
	show(t, e, "log = nil")
	want(t, show(t, e, `var f32 float32
func set(v float32) { f32 = v }
defer set(1.5)
if true { defer note("in an if") }
return`), "")
	want(t, show(t, e, `fmt.Sprint(f32, log)`), `"1.5 [in an if]"`)
	show(t, e, "log = nil\nfor i := 0; i < 3; i++ { defer note(fmt.Sprint(i)) }")
	want(t, show(t, e, `strings.Join(log, ",")`), `"2,1,0"`) // each iteration's own i
	if _, err := e.Eval(context.Background(), "defer note(\"after a panic\")\npanic(\"boom\")"); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("the panic: %v", err)
	}
	want(t, show(t, e, `fmt.Sprint(log)`), `"[2 1 0 after a panic]"`)
	if _, err := e.Eval(context.Background(), "defer panic(\"in defer\")"); err == nil || !strings.Contains(err.Error(), "in defer") {
		t.Fatalf("a panicking defer: %v", err)
	}
}

// Values of a cell's type keep their methods when a call's result goes straight to compiled
// code or to the display (rewrite_methods.go).
func TestCallResultsKeepMethods(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "fmt"`, `type S struct{ N int }
func (s S) String() string { return fmt.Sprintf("S(%d)", s.N) }
func Make() S { return S{7} }
func Ptr() *S { return &S{8} }`)
	want(t, show(t, e, `fmt.Sprint(Make(), " ", Ptr(), " ", fmt.Sprint(Make()))`), `"S(7) S(8) S(7)"`)
	show(t, e, "func (s S) Double() S { return S{s.N * 2} }")
	want(t, show(t, e, "S{3}.Double()"), "S(6)")
	want(t, show(t, e, "Make()"), "S(7)")
	want(t, show(t, e, "Make().N + S(Make()).N"), "14")
	// Instances of generic types are not converted: yaegi cannot name them.
	show(t, e, "type Stack[T any] struct{ items []T }\nfunc (s *Stack[T]) Len() int { return len(s.items) }\nfunc NewStack[T any]() *Stack[T] { return &Stack[T]{} }")
	want(t, show(t, e, "NewStack[int]()"), "&{items:[]}")
	// Statements after the call do not undo the need for types (check.go).
	want(t, show(t, e, "x := fmt.Sprint(Make())\nss := []S{{1}}\nn := 0\nfor i := range 3 { n += i }\nx + fmt.Sprint(n, len(ss))"), `"S(7)3 1"`)
}

// A cell's error type works in fmt.Errorf's %w chains and with errors.As, which alone panics
// on interpreted types (rewrite_errors.go).
func TestCellErrorTypes(t *testing.T) {
	e := newEval(t)
	show(t, e, `import ("errors"; "fmt")`, `type MyErr struct{ Code int }
func (e *MyErr) Error() string { return fmt.Sprintf("code %d", e.Code) }
type Other struct{}
func (Other) Error() string { return "other" }`)
	want(t, show(t, e, `err := fmt.Errorf("outer: %w", &MyErr{42})
var t *MyErr
ok := errors.As(err, &t)
fmt.Sprint(err, " ", ok, " ", t.Code)`), `"outer: code 42 true 42"`)
	want(t, show(t, e, `var o Other
e := errors.Join(errors.New("a"), fmt.Errorf("b: %w", &MyErr{7}))
var m *MyErr
okO, okM := errors.As(err, &o), errors.As(e, &m)
fmt.Sprint(okO, " ", okM, " ", m.Code)`), `"false true 7"`)
}

// "_" takes any type in every cell and statement: yaegi alone keeps the type of its first
// use (blank.go).
func TestBlankTakesAnyTypeInEachCell(t *testing.T) {
	e := newEval(t)
	show(t, e, `import ("strconv"; "strings")`, `x, _ := strconv.Atoi("40")`)
	want(t, show(t, e, `m := map[string]int{"a": 2}
v, _ := m["a"]
v + x`), "42")
	want(t, show(t, e, "_ = new(strings.Builder)\nvar i any = 3\nn, _ := i.(int)\nn"), "3")
	want(t, show(t, e, `for _, c := range "ab" { _ = c }
_, err := strconv.Atoi("z")
err != nil`), "true")
}

// Comma-ok definitions of globals, which yaegi alone cannot compile (isCommaOK).
func TestCommaOKGlobals(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "fmt"`, `m := map[string]int{"a": 2}`, `var i any = "s"`, "c := make(chan int, 1)\nc <- 5")
	want(t, show(t, e, `v, ok := m["a"]
w, ok2 := m["zz"]
fmt.Sprint(v, ok, w, ok2)`), `"2 true 0 false"`)
	want(t, show(t, e, "s, isStr := i.(string)\nn, _ := i.(int)\nfmt.Sprint(s, isStr, n)"), `"strue 0"`)
	want(t, show(t, e, "var r, open = <-c\nclose(c)\n_, open2 := <-c\nfmt.Sprint(r, open, open2)"), `"5 true false"`)
	want(t, show(t, e, `type P struct{ X int }
ps := map[string]P{"p": {7}}
p, found := ps["p"]
if q, ok := ps["q"]; !ok { p.X += q.X + 1 }
fmt.Sprint(p.X, found)`), `"8 true"`)
}

// yaegi alone fails a package-level var that uses a global made by := ("variable definition
// loop"); cells run var declarations as statements, in order.
func TestVarDeclarationsUseEarlierGlobals(t *testing.T) {
	e := newEval(t)
	show(t, e, "data := []int{1, 2, 3}")
	want(t, show(t, e, `var total = len(data)
var (
	a = total * 2
	b = func() int { return a + 1 }()
)
b`), "7")
	want(t, show(t, e, "func useB() int { return b * 10 }\nuseB()"), "70")
}

func TestCellMixesImportsDeclarationsAndStatements(t *testing.T) {
	e := newEval(t)
	want(t, show(t, e, `n := 2
func double(x int) int { return 2 * x }
import "strconv"
m := double(n)
type T struct{ V int }
const k = 10
import "fmt"
fmt.Sprintf("%v %s", T{m + k}, strconv.Itoa(m))`), `"{14} 4"`)
}

func TestRerunningACellWorks(t *testing.T) {
	e := newEval(t)
	cell := `import "strings"
type Point struct{ X, Y int }
func (p Point) Sum() int { return p.X + p.Y }
func scale(k int) int { return 3 * k }
x := 1
var y = 2
const z = 3
strings.ToUpper("a") + strings.Repeat("!", Point{x, y}.Sum()+scale(z))`
	for range 3 {
		want(t, show(t, e, cell), `"A!!!!!!!!!!!!"`)
	}
}

func TestRedefinitionsTakeEffect(t *testing.T) {
	e := newEval(t)
	show(t, e, "x := 1", "func f() int { return 1 }", "var v = 1", "const c = 1")
	want(t, show(t, e, `x := "now a string"`, "x"), `"now a string"`)
	want(t, show(t, e, "func f() int { return 2 }", "f()"), "2")
	want(t, show(t, e, "var v = 2.5", "v"), "2.5")
	want(t, show(t, e, `const c = "c"`, "c"), `"c"`)
	want(t, show(t, e, "x := 5\nx := x + 1\nx"), "6")
}

func TestTrailingExpressionIsShownOnce(t *testing.T) {
	e := newEval(t)
	show(t, e, "n := 0\nfunc bump() int { n++; return n }")
	want(t, show(t, e, "bump()"), "1")
	want(t, show(t, e, "n"), "1") // the display did not call bump again
	want(t, show(t, e, "n += 10\nbump()"), "12")
	want(t, show(t, e, "n"), "12")
}

func TestWhatIsDisplayed(t *testing.T) {
	e := newEval(t)
	show(t, e, `import ("fmt"; "strconv"; "errors")`)
	for _, c := range []struct{ cell, want string }{
		{"1 + 1", "2"},
		{`strconv.Atoi("3")`, "3 | <nil>"},
		{`strconv.Atoi("x")`, `0 | strconv.Atoi: parsing "x": invalid syntax`},
		{`fmt.Println("printing is not a value")`, ""},
		{`fmt.Printf("%d\n", 7)`, ""},
		{"func none() {}\nnone()", ""},
		{"x := 3", ""},
		{"var err error\nerr", "<nil>"},
		{`errors.New("boom")`, "boom"},
		{`"quoted"`, `"quoted"`},
		{"[]string{\"a\", \"b\"}", "[a b]"},
		{"type P struct{ x, Y int; Xray bool }\nP{1, 2, true}", "{x:1 Y:2 Xray:true}"},
		{"&P{x: 5}", "&{x:5 Y:0 Xray:false}"},
		{"func (p P) String() string { return fmt.Sprint(\"P\", p.x) }\nP{x: 7}", "P7"},
		{"ch := make(chan int, 1)\nch <- 9\n<-ch", "9"},
		{"// only a comment", ""},
		{"", ""},
	} {
		want(t, show(t, e, c.cell), c.want)
	}
}

func TestText(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{nil, "<nil>"},
		{"a\"b", `"a\"b"`},
		{3.5, "3.5"},
		{struct{ A int }{1}, "{A:1}"},
		{map[string]int{"b": 2, "a": 1}, "map[a:1 b:2]"},
		{errors.New("e"), "e"},
		{(*int)(nil), "<nil>"},
	} {
		want(t, Text(reflect.ValueOf(c.v)), c.want)
	}
	long := Text(reflect.ValueOf(strings.Repeat("é", maxText)))
	if len(long) > maxText+40 || !strings.HasSuffix(long, "more bytes)") {
		t.Errorf("long text not cut: %d bytes, ends %q", len(long), long[len(long)-20:])
	}
}

func TestImportsAcrossCells(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "strings"`)
	want(t, show(t, e, `import "strings"`+"\n"+`strings.ToLower("A")`), `"a"`) // re-import is fine
	want(t, show(t, e, `import str "strings"`+"\n"+`str.ToUpper("b")`), `"B"`)
	show(t, e, `import r "math/rand"`)
	err := fail(t, e, `import r "crypto/rand"`)
	want(t, err.Kind, "compile")
	if err.Line != 1 || !strings.Contains(err.Msg, `already imported as "math/rand"`) {
		t.Errorf("error = %+v", err)
	}
	if err := fail(t, e, `import "no/such/package"`); err.Kind != "compile" || !strings.Contains(err.Msg, "no/such/package") {
		t.Errorf("error = %+v", err)
	}
}

func TestPackageClauseIsIgnored(t *testing.T) {
	e := newEval(t)
	want(t, show(t, e, "package main\n\nimport \"strings\"\n\nfunc shout(s string) string { return strings.ToUpper(s) }", `shout("x")`), `"X"`)
}

func TestEmptyCellsAndComments(t *testing.T) {
	e := newEval(t)
	want(t, show(t, e, "   \n\n"), "")
	want(t, show(t, e, "/* block */ // line"), "")
}

func TestTopLevelReturnEndsTheCell(t *testing.T) {
	e := newEval(t)
	show(t, e, "n := 0")
	want(t, show(t, e, "n = 1\nif n > 0 { return }\nn = 2"), "")
	want(t, show(t, e, "n"), "1")
	want(t, show(t, e, "func f() int { return 4 }\nf()"), "4") // returns inside functions are theirs
	if err := fail(t, e, "if n > 0 { return 5 }"); err.Line != 1 || err.Col != 12 {
		t.Errorf("error = %+v", err)
	}
}

// The yaegi scoping bugs that running compound top-level statements in a function avoids.
func TestTopLevelBlocksHaveTheirOwnScope(t *testing.T) {
	e := newEval(t)
	want(t, show(t, e, "a := 1\nif true { a := a + 10; _ = a }\n{ a := 100; _ = a }\na"), "1")
	want(t, show(t, e, "t := 0\nfor i := 0; i < 3; i++ { i := i * 10; t += i }\nt"), "30")
}
