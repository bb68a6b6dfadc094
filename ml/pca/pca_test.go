package pca

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml/internal/sklearn"
)

func near(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func TestByHand(t *testing.T) {
	// Points (2,0) (0,1) (−2,0) (0,−1): mean 0, var x = 8/3, var y = 2/3, cov 0.
	// Components (1,0) and (0,1), ratios 0.8 and 0.2; (2,0) projects to (2,0).
	r, err := Fit([][]float64{{2, 0, -2, 0}, {0, 1, 0, -1}}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "var 1", r.Variance[0], 8.0/3)
	near(t, "ratio 2", r.Ratio[1], 0.2)
	near(t, "component 1 x", r.Components[0], 1)
	out := make([]float64, 2)
	r.Project([]float64{2, 0}, out)
	near(t, "score 1", out[0], 2)
	near(t, "score 2", out[1], 0)
	// y = 2x exactly: one component (1,2)/√5 with variance var x + var y = 1 + 4 = 5.
	r, _ = Fit([][]float64{{1, 2, 3}, {2, 4, 6}}, Config{Components: 1})
	near(t, "line variance", r.Variance[0], 5)
	near(t, "line ratio", r.Ratio[0], 1)
	near(t, "line y", r.Components[1], 2/math.Sqrt(5))
	// Standardised, the same line has unit-variance features: variance 2.
	r, _ = Fit([][]float64{{1, 2, 3}, {2, 4, 6}}, Config{Components: 1, Standardize: true})
	near(t, "standardised variance", r.Variance[0], 2)
	T, _ := r.Transform([][]float64{{1, 3}, {2, 6}})
	near(t, "transform", T[0][1], math.Sqrt2) // (1/1, 2/2)·(1,1)/√2 = √2
}

func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		X    [][]float64
		cfg  Config
		want string
	}{
		{[][]float64{{1, math.NaN()}}, Config{}, "feature 0 row 1 is NaN"},
		{[][]float64{{1, 2}, {1}}, Config{}, "feature 1 has 1 rows"},
		{[][]float64{{1, 2}}, Config{Components: 3}, "3 components"},
		{nil, Config{}, "at least one feature"},
	} {
		if _, err := Fit(c.X, c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.X, err, c.want)
		}
	}
}

// TestMatchesScikitLearn: explained variance ratios and |components| equal
// scikit-learn's PCA on correlated random data.
func TestMatchesScikitLearn(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	n, p := 200, 4
	X := make([][]float64, p)
	for j := range X {
		X[j] = make([]float64, n)
	}
	rows := make([][]float64, n)
	for i := range n {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		v := []float64{a, 2*a + 0.3*b, b, 0.1 * rng.NormFloat64()}
		for j := range p {
			X[j][i] = v[j]
		}
		rows[i] = v
	}
	in, _ := json.Marshal(rows)
	out := sklearn.Run(t, `
import sys, json
from sklearn.decomposition import PCA
m = PCA().fit(json.loads(sys.argv[1]))
print(json.dumps({"ratio": m.explained_variance_ratio_.tolist(), "var": m.explained_variance_.tolist(), "comp": m.components_.ravel().tolist()}))
`, string(in))
	var sk struct{ Ratio, Var, Comp []float64 }
	if err := json.Unmarshal(out, &sk); err != nil {
		t.Fatal(err)
	}
	r, err := Fit(X, Config{})
	if err != nil {
		t.Fatal(err)
	}
	for c := range p {
		near(t, fmt.Sprint("ratio ", c), r.Ratio[c], sk.Ratio[c])
		near(t, fmt.Sprint("variance ", c), r.Variance[c], sk.Var[c])
	}
	for i := range sk.Comp {
		if math.Abs(math.Abs(r.Components[i])-math.Abs(sk.Comp[i])) > 1e-7 {
			t.Errorf("component entry %d: %v, scikit-learn %v", i, r.Components[i], sk.Comp[i])
		}
	}
}
