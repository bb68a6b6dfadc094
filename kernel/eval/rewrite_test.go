package eval

import (
	"strings"
	"testing"
)

func TestRangeOverInt(t *testing.T) {
	e := newEval(t)
	want(t, show(t, e, "s := 0\nfor i := range 5 { s += i }\ns"), "10")
	want(t, show(t, e, "n := 0\nfor range 3 { n++ }\nn"), "3")
	want(t, show(t, e, "var k int64 = 4\nvar last int64\nfor i := range k { last = i }\nlast"), "3")
	want(t, show(t, e, "type Count uint8\nvar c Count = 3\nvar got []Count\nfor i := range c { got = append(got, i) }\ngot"), "[0 1 2]")
	// The range expression is evaluated once; changing the variable does not change the loop.
	want(t, show(t, e, "calls := 0\nlimit := func() int { calls++; return 3 }\nit := 0\nfor i := range limit() { i += 10; it++ }\n[]int{calls, it}"), "[1 3]")
	want(t, show(t, e, "var j int\nfor j = range 4 {}\nj"), "3")
	want(t, show(t, e, "func sum(n int) (s int) { for i := range n { s += i }; return }\nsum(4)"), "6")
	want(t, show(t, e, "rows := [][]int{{1, 2}, {3}}\nt := 0\nfor i := range len(rows) { for j := range len(rows[i]) { t += rows[i][j] } }\nt"), "6")
}

func TestRangeOverFunc(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "strings"`)
	show(t, e, `func upTo(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}
func pairs(yield func(string, int) bool) { _ = yield("a", 1) && yield("b", 2) && yield("c", 3) }
func three(yield func() bool) { _ = yield() && yield() && yield() }`)

	want(t, show(t, e, "n := 0\nfor range three { n++ }\nn"), "3")
	want(t, show(t, e, "var got []int\nfor x := range upTo(10) {\n\tif x == 2 { continue }\n\tif x == 5 { break }\n\tgot = append(got, x)\n}\ngot"), "[0 1 3 4]")
	want(t, show(t, e, "var ks []string\nfor k, v := range pairs { ks = append(ks, strings.Repeat(k, v)) }\nks"), "[a bb ccc]")
	want(t, show(t, e, "var k2 string\nfor k2 = range pairs {}\nk2"), `"c"`)
	// return from inside the loop body returns from the enclosing function
	want(t, show(t, e, `func firstSquareOver(n int) (int, bool) {
	for x := range upTo(100) {
		if x*x > n {
			return x, true
		}
	}
	return 0, false
}
firstSquareOver(50)`), "8 | true")
	want(t, show(t, e, "func named() (r int) { r = 7; for range three { return }; return 1 }\nnamed()"), "7")
	// labeled continue and break of an outer loop, from nested loops over functions
	want(t, show(t, e, `var out []string
outer:
for i := range 3 {
	for k, v := range pairs {
		for x := range upTo(5) {
			if x == v { continue outer }
			if i == 2 { break outer }
			out = append(out, k)
		}
	}
}
strings.Join(out, "")`), `"aa"`)
	// a switch's break stays the switch's
	want(t, show(t, e, "c := 0\nfor x := range upTo(4) { switch x { case 1: break; default: c += x } }\nc"), "5")
	// closures see each iteration's own variable
	want(t, show(t, e, "var fs []func() int\nfor x := range upTo(3) { fs = append(fs, func() int { return x }) }\nfs[0]() + 10*fs[1]() + 100*fs[2]()"), "210")

	err := fail(t, e, "func f() {\n\tfor x := range upTo(3) {\n\t\tdefer println(x)\n\t}\n}")
	if err.Line != 3 || !strings.Contains(err.Msg, "defer") {
		t.Errorf("defer in loop body: %+v", err)
	}
	err = fail(t, e, "for k, v := range upTo(3) { _, _ = k, v }")
	if err.Line != 1 || !strings.Contains(err.Msg, "only 1 iteration variable") {
		t.Errorf("too many variables: %+v", err)
	}
}

func TestRangeOverIteratorOfCellTypes(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "time"
type Point struct{ X, Y int }
type Path []Point
func (p Path) All() func(func(int, Point) bool) {
	return func(yield func(int, Point) bool) {
		for i, q := range p {
			if !yield(i, q) { return }
		}
	}
}
func ticks(yield func(time.Duration) bool) { _ = yield(time.Second) && yield(time.Minute) }`)
	want(t, show(t, e, "total := 0\nfor i, q := range (Path{{1, 2}, {3, 4}}).All() { total += i * (q.X + q.Y) }\ntotal"), "7")
	// the cell does not import time itself: the yielded type is named through a hidden import
	want(t, show(t, e, "var ds []string\nfor d := range ticks { ds = append(ds, d.String()) }\nds"), "[1s 1m0s]")
}

func TestPerIterationLoopVariables(t *testing.T) {
	e := newEval(t)
	want(t, show(t, e, "var fs []func() int\nfor i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\nfs[0]() + 10*fs[1]() + 100*fs[2]()"), "210")
	want(t, show(t, e, "var gs []func() int\nfor _, v := range []int{1, 2, 3} { gs = append(gs, func() int { return v }) }\ngs[0]() + 10*gs[1]() + 100*gs[2]()"), "321")
	want(t, show(t, e, "var hs []func() int\nfor i := range 3 { hs = append(hs, func() int { return i }) }\nhs[0]() + 10*hs[1]() + 100*hs[2]()"), "210")
	want(t, show(t, e, "var ps []*int\nfor i := 0; i < 3; i++ { ps = append(ps, &i) }\n*ps[0] + 10 * *ps[1] + 100 * *ps[2]"), "210")
	// Changes to the variable in the body carry over to the next iteration (Go 1.22 spec),
	// also through continue.
	want(t, show(t, e, "n := 0\nfor i := 0; i < 10; i++ {\n\tf := func() int { return i }\n\tif i%2 == 0 { continue }\n\tn += f()\n\ti++\n}\nn"), "25")
	want(t, show(t, e, "var ks []func() string\nm := map[string]bool{\"k\": true}\nfor k := range m { ks = append(ks, func() string { return k }) }\nks[0]()"), `"k"`)
	// inside functions too
	want(t, show(t, e, "func mk() []func() int { var fs []func() int; for i := 0; i < 2; i++ { fs = append(fs, func() int { return i }) }; return fs }\nfs := mk()\nfs[0]() + 10*fs[1]()"), "10")
	// a labeled continue of the rewritten loop from an inner loop
	want(t, show(t, e, "var qs []func() int\nouter:\nfor i := 0; i < 3; i++ {\n\tfor j := 0; j < 3; j++ { if j == 1 { continue outer } }\n\tqs = append(qs, func() int { return i })\n}\nlen(qs)"), "0")
}

func TestMinMaxClear(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "math"`)
	want(t, show(t, e, "min(3, 1, 2)"), "1")
	want(t, show(t, e, "max(1, 2.5)"), "2.5")
	want(t, show(t, e, "a, b := 4, 9\nmax(a, b, 7)"), "9")
	want(t, show(t, e, "x, y := 2.5, -1.0\nmin(x, y)"), "-1")
	want(t, show(t, e, `min("b", "a", "c")`), `"a"`)
	want(t, show(t, e, "math.IsNaN(min(1.0, math.NaN(), 0.5))"), "true")
	want(t, show(t, e, "math.IsNaN(max(math.NaN(), 2))"), "true")
	want(t, show(t, e, "var f32 float32 = min(1.5, 2)\nf32"), "1.5")
	want(t, show(t, e, "const c = max(3, 7)\nc"), "7")
	want(t, show(t, e, "type Celsius float64\nts := []Celsius{3, -1, 7}\nlo := ts[0]\nfor _, t := range ts { lo = min(lo, t) }\nlo"), "-1")
	calls := show(t, e, "k := 0\nnext := func() int { k++; return k }\nm := max(next(), next(), next())\n[]int{m, k}")
	want(t, calls, "[3 3]")
	want(t, show(t, e, "mp := map[string]int{\"a\": 1, \"b\": 2}\nclear(mp)\nlen(mp)"), "0")
	want(t, show(t, e, "type P struct{ S string }\nsl := []P{{\"x\"}, {\"y\"}}\nclear(sl)\nsl"), "[{S:} {S:}]")
	err := fail(t, e, `z := min(1, "a")`)
	if err.Kind != "compile" || err.Line != 1 || !strings.Contains(err.Msg, "mismatched types") {
		t.Errorf("bad min: %+v", err)
	}
}

func TestGenericFunctions(t *testing.T) {
	e := newEval(t)
	show(t, e, `import ("fmt"; "slices"; "cmp"; "strings")`)
	show(t, e, `func Map[T, R any](xs []T, f func(T) R) []R {
	var out []R
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}
func Sum[N interface{ ~int | ~float64 }](xs ...N) N {
	var s N
	for _, x := range xs {
		s += x
	}
	return s
}`)
	// yaegi alone infers R = int here, and fails on untyped constants.
	want(t, show(t, e, `Map([]int{1, 2}, func(i int) string { return fmt.Sprint("n", i) })`), "[n1 n2]")
	want(t, show(t, e, "Sum(1.5, 2)"), "3.5")
	want(t, show(t, e, "type Meters float64\nSum(Meters(1), 2)"), "3")
	xs := show(t, e, "xs := []int{3, 1, 2}\nslices.Reverse(xs)\nxs")
	want(t, xs, "[2 1 3]")
	want(t, show(t, e, "slices.Index(xs, 1)"), "1")
	want(t, show(t, e, `slices.Contains([]string{"a"}, "a")`), "true")
	want(t, show(t, e, "cmp.Compare(2, 1)"), "1")
	want(t, show(t, e, `Map(strings.Fields("a bb"), func(s string) int { return len(s) })`), "[1 2]")
}

func TestSplitCell(t *testing.T) {
	src := "import \"fmt\"\nx := 1; y := 2\nfunc f() {\n}\nfunc (r T) M() {}\nfunc() { fmt.Println(x) }()\nfor i := 0; i < 3; i++ { fmt.Println(i) }; var z = 3\ntype T int"
	var kinds []string
	for _, s := range splitCell(src) {
		kinds = append(kinds, map[segKind]string{segImport: "import", segDecl: "decl", segStmt: "stmt"}[s.kind]+":"+strings.Fields(src[s.start:s.end])[0])
	}
	want(t, strings.Join(kinds, " "), "import:import stmt:x stmt:y decl:func decl:func stmt:func() stmt:for decl:type")
}
