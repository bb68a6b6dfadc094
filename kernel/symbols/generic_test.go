package symbols

import (
	"cmp"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// genericDecls are declared once in the session the cases run in.
var genericDecls = []string{
	`import ("cmp"; "fmt"; "iter"; "maps"; "math"; "slices"; "strings")`,
	`type ints []int`,
	`type temp float64`,
	`type person struct { Name string; Age int }`,
	`var people = []person{{"ann", 41}, {"bob", 29}, {"cy", 41}, {"di", 35}}`,
	`var ages = map[string]int{"ann": 41, "bob": 29, "cy": 41}`,
	`func sortedInts(s []int) []int { slices.Sort(s); return s }`,
	`func sortedTemps(s []temp) []float64 { slices.Sort(s); var f []float64; for _, t := range s { f = append(f, float64(t)) }; return f }`,
	`func ageAt(age int) int { i, _ := slices.BinarySearchFunc([]person{{"bob", 29}, {"di", 35}, {"ann", 41}}, age, func(p person, age int) int { return p.Age - age }); return i }`,
	`func byAgeThenName(a, b person) int { return cmp.Or(cmp.Compare(a.Age, b.Age), strings.Compare(a.Name, b.Name)) }`,
	`func sortedPeople() []string { p := slices.Clone(people); slices.SortFunc(p, byAgeThenName); var n []string; for _, x := range p { n = append(n, x.Name) }; return n }`,
	`func stableByAge() []string { p := slices.Clone(people); slices.SortStableFunc(p, func(a, b person) int { return b.Age - a.Age }); var n []string; for _, x := range p { n = append(n, x.Name) }; return n }`,
	`func reversed() []int { s := []int{1, 2, 3}; slices.Reverse(s); return s }`,
	`func search(x int) (int, bool) { return slices.BinarySearch([]int{10, 20, 30}, x) }`,
	`func searchAt(x int) int { i, _ := search(x); return i }`,
	`func found(x int) bool { _, ok := search(x); return ok }`,
	`func deleteZeroes() []int { s := []int{1, 2, 3, 4}; _ = slices.Delete(s, 1, 3); return s }`,
	`func chunks() [][]int { var out [][]int; slices.Chunk([]int{1, 2, 3, 4, 5}, 2)(func(c []int) bool { out = append(out, c); return true }); return out }`,
	`func firstTwo() []int { var out []int; slices.Values([]int{7, 8, 9})(func(v int) bool { out = append(out, v); return len(out) < 2 }); return out }`,
	`func backward() []int { var out []int; slices.Backward([]int{1, 2, 3})(func(i, v int) bool { out = append(out, i*10+v); return true }); return out }`,
	`func namedSeq() []int { var s iter.Seq[int] = slices.Values([]int{4, 5}); return slices.Collect(s) }`,
	`func deleteOld() map[string]int { m := maps.Clone(ages); maps.DeleteFunc(m, func(k string, v int) bool { return v > 40 }); return m }`,
	`func copied() map[string]int { m := map[string]int{"zed": 1}; maps.Copy(m, ages); return m }`,
	`func inserted() map[string]int { m := map[string]int{}; maps.Insert(m, maps.All(ages)); return m }`,
}

// genericCases: each cell's value must equal what the compiled standard library gives.
var genericCases = []struct {
	cell string
	want any
}{
	{`sortedInts([]int{3, 1, 2})`, []int{1, 2, 3}},
	{`sortedTemps([]temp{2.5, -1, 0})`, []float64{-1, 0, 2.5}},
	{`slices.Contains([]string{"a", "b"}, "b")`, slices.Contains([]string{"a", "b"}, "b")},
	{`slices.Contains(ints{1, 2}, 3)`, false},
	{`slices.Index([]int{5, 6, 7}, 7)`, slices.Index([]int{5, 6, 7}, 7)},
	{`slices.IndexFunc([]int{5, 6, 7}, func(v int) bool { return v > 5 })`, 1},
	{`slices.Max([]float64{1, 9, 3})`, slices.Max([]float64{1, 9, 3})},
	{`slices.Min(ints{4, -2, 8})`, -2},
	{`math.IsNaN(slices.Max([]float64{1, math.NaN(), 3}))`, math.IsNaN(slices.Max([]float64{1, math.NaN(), 3}))},
	{`sortedPeople()`, []string{"bob", "di", "ann", "cy"}},
	{`stableByAge()`, []string{"ann", "cy", "di", "bob"}},
	{`slices.Collect(maps.Keys(ages)) != nil`, true},
	{`slices.Sorted(maps.Keys(ages))`, slices.Sorted(maps.Keys(map[string]int{"ann": 41, "bob": 29, "cy": 41}))},
	{`slices.Sorted(maps.Values(ages))`, []int{29, 41, 41}},
	{`reversed()`, []int{3, 2, 1}},
	{`slices.Equal([]int{1, 2}, []int{1, 2})`, true},
	{`slices.Equal(ints{1, 2}, ints{1})`, false},
	{`slices.Insert([]int{1, 4}, 1, 2, 3)`, slices.Insert([]int{1, 4}, 1, 2, 3)},
	{`searchAt(20)`, 1}, {`found(20)`, true}, {`searchAt(25)`, 2}, {`found(25)`, false},
	{`slices.Compare([]int{1, 2}, []int{1, 3})`, slices.Compare([]int{1, 2}, []int{1, 3})},
	{`cmp.Compare(3, 2)`, 1}, // same name and type argument as the slices.Compare instance above
	{`slices.Compare([]int{1, 2}, []int{1})`, 1},
	{`cmp.Less(math.NaN(), -1.0)`, cmp.Less(math.NaN(), -1.0)},
	{`deleteZeroes()`, []int{1, 4, 0, 0}},
	{`slices.DeleteFunc([]int{1, 2, 3, 4}, func(v int) bool { return v%2 == 0 })`, []int{1, 3}},
	{`slices.Replace([]int{1, 2, 3}, 0, 2, 9)`, slices.Replace([]int{1, 2, 3}, 0, 2, 9)},
	{`slices.Compact([]int{1, 1, 2, 2, 2, 1})`, slices.Compact([]int{1, 1, 2, 2, 2, 1})},
	{`slices.Concat([]int{1}, nil, []int{2, 3})`, slices.Concat([]int{1}, nil, []int{2, 3})},
	{`slices.Repeat([]string{"a", "b"}, 2)`, slices.Repeat([]string{"a", "b"}, 2)},
	{`slices.IsSorted([]string{"a", "b", "b"})`, true},
	{`cap(slices.Grow([]int{1}, 10)) >= 11`, true},
	{`chunks()`, [][]int{{1, 2}, {3, 4}, {5}}},
	{`firstTwo()`, []int{7, 8}},
	{`backward()`, []int{23, 12, 1}},
	{`namedSeq()`, []int{4, 5}},
	{`maps.Equal(ages, maps.Clone(ages))`, true},
	{`deleteOld()`, map[string]int{"bob": 29}},
	{`copied()`, map[string]int{"zed": 1, "ann": 41, "bob": 29, "cy": 41}},
	{`inserted()`, map[string]int{"ann": 41, "bob": 29, "cy": 41}},
	{`len(maps.Collect(maps.All(ages)))`, 3},
	{`cmp.Or("", "x", "y")`, "x"},
	{`maps.EqualFunc(ages, map[string]float64{"ann": 41, "bob": 29, "cy": 41}, func(a int, b float64) bool { return float64(a) == b })`, true},
	{`maps.EqualFunc(ages, map[string]string{"ann": "41", "bob": "29", "cy": "40"}, func(a int, b string) bool { return fmt.Sprint(a) == b })`, false},
	{`slices.EqualFunc([]int{1, 2}, []string{"1", "2"}, func(a int, b string) bool { return fmt.Sprint(a) == b })`, true},
	{`slices.CompareFunc([]int{1, 2}, []float64{1, 3}, func(a int, b float64) int { return cmp.Compare(float64(a), b) })`, -1},
	{`ageAt(35)`, 1}, {`ageAt(40)`, 2},
}

func TestGenericHelpersInCells(t *testing.T) {
	s := newSession(t)
	for _, d := range genericDecls {
		s.run(d)
	}
	for _, c := range genericCases {
		v, err := s.try(c.cell)
		if err != nil {
			t.Errorf("%s: %v", c.cell, err)
			continue
		}
		if got := v.Interface(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.cell, v.Interface(), c.want)
		}
	}
}

func TestGenericMisuseIsAnError(t *testing.T) {
	s := newSession(t)
	s.run(`import ("cmp"; "slices")`)
	for _, cell := range []string{
		`slices.Max([]bool{true})`, // bool is not ordered
		`slices.NoSuch([]int{1})`,
	} {
		if _, err := s.try(cell); err == nil {
			t.Errorf("%s: no error", cell)
		}
	}
	// yaegi v0.16.1 cannot instantiate a generic call that leaves a variadic parameter
	// empty (it indexes arguments by parameter): an error, never a crash.
	for _, cell := range []string{`slices.Insert([]int{1}, 1)`, `cmp.Or(1)`, `slices.Concat([]int{1})`} {
		if _, err := s.try(cell); err == nil {
			t.Errorf("%s: no error; if yaegi learnt this, drop the README caveat", cell)
		}
	}
	_, err := s.try(`slices.Max([]int{})`)
	if err == nil || !strings.Contains(err.Error(), "empty list") {
		t.Errorf("slices.Max of nothing: err = %v, want the empty list panic", err)
	}
}
