package ml

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func errHas(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one containing %q", err, want)
	}
}

func TestNewDatasetKindsAndTask(t *testing.T) {
	cols := []Column{
		Floats("x", []float64{1, 2, math.NaN(), 4}),
		Ints("n", []int64{5, 6, 7, 8}),
		Strings("color", []string{"red", "blue", "red", "green"}),
		Bools("flag", []bool{true, false, true, true}).WithNull([]bool{false, true, false, false}),
		Ints("y", []int64{10, 2, 10, 2}),
	}
	d, err := NewDataset(cols, "y")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Features(); !slices.Equal(got, []string{"x", "n", "color", "flag"}) {
		t.Errorf("features %v", got)
	}
	if got := d.Kinds(); !slices.Equal(got, []Kind{Numeric, Numeric, Categorical, Categorical}) {
		t.Errorf("kinds %v", got)
	}
	// An int target with few values is a class label; classes in numeric order.
	if d.Task() != Classification || !slices.Equal(d.Classes(), []string{"2", "10"}) {
		t.Errorf("task %v classes %v", d.Task(), d.Classes())
	}
	if got := d.Y(); !slices.Equal(got, []float64{1, 0, 1, 0}) {
		t.Errorf("Y %v", got)
	}
	if err := d.SetKind("n", Categorical); err != nil || d.Kinds()[1] != Categorical {
		t.Errorf("SetKind: %v %v", err, d.Kinds())
	}
	if err := d.SetKind("y", Numeric); err != nil || d.Task() != Regression || d.Classes() != nil {
		t.Errorf("target as numeric: %v %v", err, d.Task())
	}
	errHas(t, d.SetKind("color", Numeric), `"color" holds strings`)
	errHas(t, d.SetKind("nope", Numeric), `no feature "nope"`)
	errHas(t, d.SetKind("x", "ordinal"), `unknown kind "ordinal"`)

	sub, err := NewDataset(cols, "color", "x", "flag")
	if err != nil || sub.Task() != Classification || !slices.Equal(sub.Classes(), []string{"blue", "green", "red"}) {
		t.Errorf("string target: %v %v", err, sub.Classes())
	}
}

func TestNewDatasetErrors(t *testing.T) {
	x := Floats("x", []float64{1, 2, 3})
	y := Strings("y", []string{"a", "b", "a"})
	cases := []struct {
		cols   []Column
		target string
		feats  []string
		want   string
	}{
		{[]Column{x, y}, "z", nil, `target column "z" not found`},
		{[]Column{x, y}, "y", []string{"w"}, `feature column "w" not found`},
		{[]Column{x, y}, "y", []string{"y"}, `"y" is the target`},
		{[]Column{x, y}, "y", []string{"x", "x"}, `feature "x" named twice`},
		{[]Column{x, x, y}, "y", nil, `column "x" appears twice`},
		{[]Column{x, Strings("y", []string{"a"})}, "y", nil, `column "y" has 1 rows`},
		{[]Column{x, {Name: "y"}}, "y", nil, `exactly one of`},
		{[]Column{x, y.WithNull([]bool{false, true, false})}, "y", nil, `missing in row 1`},
		{[]Column{x, y.WithNull([]bool{false})}, "y", nil, `1 null flags`},
		{[]Column{x, Strings("y", []string{"a", "a", "a"})}, "y", nil, `only 1 distinct`},
		{[]Column{y}, "y", nil, `no feature columns`},
		{[]Column{Floats("t", []float64{1, math.NaN(), 2}), y}, "t", nil, `target "t" is missing in row 1`},
	}
	for _, c := range cases {
		d, err := NewDataset(c.cols, c.target, c.feats...)
		errHas(t, err, c.want)
		if d != nil { // a half-made dataset made Fit panic
			t.Errorf("%s: a dataset came with the error", c.want)
		}
	}
	// A refused SetKind leaves the dataset as it was, fit for its task.
	one, err := NewDataset([]Column{Floats("x", []float64{1, 2, 3}), Floats("t", []float64{5, 5, 5})}, "t")
	if err != nil {
		t.Fatal(err)
	}
	errHas(t, one.SetKind("t", Categorical), `only 1 distinct`)
	if one.Task() != Regression || one.Classes() != nil || one.Y()[0] != 5 {
		t.Errorf("after a refused SetKind: %v %v %v", one.Task(), one.Classes(), one.Y())
	}
}
