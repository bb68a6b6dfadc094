package ml

import (
	"slices"
	"testing"
)

// labelled returns a dataset of n rows whose class is "a" for 70%, "b" 20%, "c" 10%.
func labelled(n int) *Dataset {
	x, y := make([]float64, n), make([]string, n)
	for i := range n {
		x[i] = float64(i)
		switch {
		case i%10 < 7:
			y[i] = "a"
		case i%10 < 9:
			y[i] = "b"
		default:
			y[i] = "c"
		}
	}
	d, err := NewDataset([]Column{Floats("x", x), Strings("y", y)}, "y")
	if err != nil {
		panic(err)
	}
	return d
}

func rowsOf(d *Dataset) []int {
	out := make([]int, d.Len())
	for i := range out {
		out[i] = d.row(i)
	}
	return out
}

func counts(d *Dataset) [3]int {
	var c [3]int
	for _, y := range d.YClass() {
		c[y]++
	}
	return c
}

func TestSplitDeterministicAndStratified(t *testing.T) {
	d := labelled(1000)
	tr1, te1, err := d.Split(0.25, 42)
	if err != nil {
		t.Fatal(err)
	}
	tr2, te2, _ := d.Split(0.25, 42)
	if !slices.Equal(rowsOf(te1), rowsOf(te2)) || !slices.Equal(rowsOf(tr1), rowsOf(tr2)) {
		t.Fatal("same seed gave different splits")
	}
	_, te3, _ := d.Split(0.25, 43)
	if slices.Equal(rowsOf(te1), rowsOf(te3)) {
		t.Fatal("another seed gave the same split")
	}
	// Stratified: 700/200/100 rows → exactly 175/50/25 in test.
	if c := counts(te1); c != [3]int{175, 50, 25} {
		t.Errorf("test class counts %v, want [175 50 25]", c)
	}
	all := append(rowsOf(tr1), rowsOf(te1)...)
	slices.Sort(all)
	for i, r := range all {
		if r != i {
			t.Fatalf("train ∪ test is not every row once (at %d: %d)", i, r)
		}
	}
	// A split of a split maps back to the original rows.
	a, b, _ := te1.Split(0.5, 1)
	for _, v := range []*Dataset{a, b} {
		for i := range v.Len() {
			if !slices.Contains(rowsOf(te1), v.row(i)) {
				t.Fatal("a split of the test set holds rows outside it")
			}
		}
	}
	for _, f := range []float64{0, 1, -0.5} {
		if _, _, err := d.Split(f, 1); err == nil {
			t.Errorf("split fraction %v accepted", f)
		}
	}
}

func TestKFold(t *testing.T) {
	d := labelled(100)
	folds, err := d.KFold(5, 7)
	if err != nil {
		t.Fatal(err)
	}
	seen := make([]int, 100)
	for _, f := range folds {
		if f.Train.Len()+f.Test.Len() != 100 || f.Test.Len() != 20 {
			t.Errorf("fold sizes %d + %d", f.Train.Len(), f.Test.Len())
		}
		if c := counts(f.Test); c != [3]int{14, 4, 2} {
			t.Errorf("fold class counts %v, want [14 4 2]", c)
		}
		for _, r := range rowsOf(f.Test) {
			seen[r]++
		}
	}
	for r, n := range seen {
		if n != 1 {
			t.Fatalf("row %d is in %d test folds", r, n)
		}
	}
	again, _ := d.KFold(5, 7)
	if !slices.Equal(rowsOf(again[3].Test), rowsOf(folds[3].Test)) {
		t.Error("same seed gave different folds")
	}
	if _, err := d.KFold(1, 7); err == nil {
		t.Error("k=1 accepted")
	}
}

func TestHash(t *testing.T) {
	mk := func(v float64, s string) string {
		d, err := NewDataset([]Column{Floats("x", []float64{1, v}), Strings("c", []string{s, "q"}), Ints("y", []int64{0, 1})}, "y")
		if err != nil {
			t.Fatal(err)
		}
		return d.Hash()
	}
	h := mk(2, "p")
	if h != mk(2, "p") || len(h) != len("sha256:")+64 {
		t.Fatalf("hash %q not stable", h)
	}
	for _, other := range []string{mk(3, "p"), mk(2, "pq")} {
		if other == h {
			t.Error("different data, same hash")
		}
	}
	d := labelled(50)
	tr, _, _ := d.Split(0.2, 1)
	if tr.Hash() == d.Hash() {
		t.Error("a split hashes like the whole")
	}
}
