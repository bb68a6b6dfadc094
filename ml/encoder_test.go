package ml

import (
	"math"
	"slices"
	"strconv"
	"testing"
)

func encodeTestData(t *testing.T) (*Dataset, *Dataset) {
	cols := []Column{
		Floats("x", []float64{1, 2, 3, math.NaN(), 0}),
		Strings("color", []string{"red", "blue", "red", "", "green"}).WithNull([]bool{false, false, false, true, false}),
		Ints("y", []int64{0, 1, 0, 1, 1}),
	}
	d, err := NewDataset(cols, "y")
	if err != nil {
		t.Fatal(err)
	}
	train := d.view([]int{0, 1, 2, 3}) // "green" (row 4) is unseen in training
	test := d.view([]int{3, 4})
	return train, test
}

func TestEncodeCodes(t *testing.T) {
	train, test := encodeTestData(t)
	s := learnSchema(train)
	if f := s.Features[0]; f.Mean != 2 || f.Missing != 0.25 {
		t.Errorf("x mean %v missing %v, want 2 and 0.25", f.Mean, f.Missing)
	}
	if f := s.Features[1]; !slices.Equal(f.Categories, []string{"blue", "red"}) || f.Missing != 0.25 {
		t.Errorf("color categories %v missing %v", f.Categories, f.Missing)
	}
	e, _ := newEncoder(s, Codes)
	X, err := e.matrix(train)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(X[0][:3], []float64{1, 2, 3}) || !math.IsNaN(X[0][3]) {
		t.Errorf("x codes %v", X[0])
	}
	if !slices.Equal(X[1][:3], []float64{1, 0, 1}) || !math.IsNaN(X[1][3]) {
		t.Errorf("color codes %v (missing must be NaN)", X[1])
	}
	X, _ = e.matrix(test)
	if !math.IsNaN(X[1][1]) || X[0][1] != 0 {
		t.Errorf("unseen category must be NaN: %v %v", X[0], X[1])
	}
}

func TestEncodeOneHot(t *testing.T) {
	train, test := encodeTestData(t)
	e, _ := newEncoder(learnSchema(train), OneHot)
	if got := e.names(); !slices.Equal(got, []string{"x", "color=blue", "color=red"}) {
		t.Fatalf("names %v", got)
	}
	X, _ := e.matrix(test)
	// Row 3: x missing → training mean 2; color missing → all zero.
	// Row 4: x = 0; color "green" unseen → all zero.
	want := [][]float64{{2, 0}, {0, 0}, {0, 0}}
	for j := range want {
		if !slices.Equal(X[j], want[j]) {
			t.Errorf("column %d = %v, want %v", j, X[j], want[j])
		}
	}
	if _, err := newEncoder(learnSchema(train), "binary"); err == nil {
		t.Error("unknown encoding accepted")
	}
}

func TestMaxCategories(t *testing.T) {
	n := MaxCategories + 50
	c, y := make([]string, n+5), make([]int64, n+5)
	for i := range c {
		c[i] = "v" + strconv.Itoa(1000+i)
		if i >= n { // "zz" is the most frequent, though last by name
			c[i] = "zz"
		}
		y[i] = int64(i % 2)
	}
	d, _ := NewDataset([]Column{Strings("c", c), Ints("y", y)}, "y")
	f := learnSchema(d).Features[0]
	// Kept: "zz" by frequency, then the first 199 by name (ties).
	if len(f.Categories) != MaxCategories || !slices.Contains(f.Categories, "zz") ||
		!slices.Contains(f.Categories, "v1000") || slices.Contains(f.Categories, "v1249") {
		t.Fatalf("%d categories kept: %v…", len(f.Categories), f.Categories[:3])
	}
}

func TestReference(t *testing.T) {
	n := 100
	x, c, y := make([]float64, n), make([]string, n), make([]int64, n)
	for i := range n {
		x[i], y[i] = float64(i+1), int64(i%2)
		c[i] = []string{"a", "b", "b", "c"}[i%4]
	}
	x[0] = math.NaN()
	d, _ := NewDataset([]Column{Floats("x", x), Strings("c", c), Ints("y", y)}, "y")
	e, _ := newEncoder(learnSchema(d), Codes)
	ref := reference(d, e)
	// x: 99 values 2..100; deciles at sorted index q·98/10 → 2+9=11, 2+19=21, …
	if r := ref[0]; len(r.Edges) != 9 || r.Edges[0] != 11 || r.Missing != 0.01 {
		t.Errorf("x edges %v missing %v", r.Edges, r.Missing)
	}
	// c: shares a 25%, b 50%, c 25%, other 0.
	if r := ref[1]; len(r.Shares) != 4 || math.Abs(r.Shares[1]-0.5) > 1e-12 || r.Shares[3] != 0 {
		t.Errorf("c shares %v", r.Shares)
	}
	for _, r := range ref {
		s := r.Missing
		for _, v := range r.Shares {
			s += v
		}
		if math.Abs(s-1) > 1e-9 {
			t.Errorf("%s shares add up to %v", r.Feature, s)
		}
	}
	if b := ref[1].Bin(Categorical, -1); b != 3 {
		t.Errorf("unseen category bin %d, want the last (3)", b)
	}
	// PSI by hand: expected [0.5 0.5], actual [0.25 0.75]:
	// (0.25−0.5)·ln(0.5) + (0.75−0.5)·ln(1.5) = 0.1733 + 0.1014 = 0.2747.
	p, err := PSI([]float64{0.5, 0.5}, []float64{0.25, 0.75})
	if err != nil || math.Abs(p-0.27465307) > 1e-6 {
		t.Errorf("PSI %v %v", p, err)
	}
	if _, err := PSI([]float64{1}, []float64{0.5, 0.5}); err == nil {
		t.Error("PSI of unequal bins accepted")
	}
}
