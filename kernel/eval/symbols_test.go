package eval

import (
	"testing"

	"github.com/cairn-notebook/cairn/kernel/symbols"
)

// The kernel's own wiring: Cairn's symbol tables and its generic packages shipped as source
// (slices, maps, cmp, iter at the Go 1.23+ API), compiled over yaegi's older copies.
func TestWithCairnSymbols(t *testing.T) {
	e, err := New(Options{Exports: symbols.Exports(), Source: symbols.Source()})
	if err != nil {
		t.Fatal(err)
	}
	show(t, e, `import ("fmt"; "iter"; "maps"; "slices"; "strings")`)
	want(t, show(t, e, "xs := []int{3, 1, 2}\nslices.Sort(xs)\nxs"), "[1 2 3]")
	want(t, show(t, e, `m := map[string]int{"b": 2, "a": 1}`+"\nslices.Sorted(maps.Keys(m))"), "[a b]")
	want(t, show(t, e, "var ks []string\nfor k, v := range maps.All(m) { ks = append(ks, fmt.Sprint(k, v)) }\nslices.Sort(ks)\nks"), "[a1 b2]")
	want(t, show(t, e, "slices.Max([]float64{1, 3, 2})"), "3")
	// generic calls in the initializers of globals (yaegi alone: "not a generic type"), and
	// the same instances used afterwards (a function wrapper would have broken them)
	want(t, show(t, e, "ks := maps.Keys(m)\nvar n int\nfor range ks { n++ }\nfor range maps.Keys(m) { n++ }\nn"), "4")
	want(t, show(t, e, "keys := slices.Sorted(maps.Keys(m))\nkeys"), "[a b]")
	want(t, show(t, e, "var hi = slices.Max(xs)\nlo, found := slices.BinarySearch(xs, 1)\n[]any{hi, lo, found}"), "[3 0 true]")
	want(t, show(t, e, `func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}
slices.Collect(count(4))`), "[0 1 2 3]")
	want(t, show(t, e, "s := 0\nfor x := range count(5) { if x == 3 { break }; s += x }\ns"), "3")
	want(t, show(t, e, `strings.Join(slices.Collect(maps.Values(map[int]string{1: "x"})), ",")`), `"x"`)
}

func TestPastedProgramRunsItsMainOnce(t *testing.T) {
	e := newEval(t)
	show(t, e, "runs := 0")
	show(t, e, "package main\n\nfunc main() {\n\truns++\n}")
	want(t, show(t, e, "runs"), "1")
	want(t, show(t, e, "runs"), "1") // yaegi alone would run main again on every compile
}
