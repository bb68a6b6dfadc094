package tree

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
)

// data is a column-major synthetic problem.
type data struct {
	X [][]float64
	y []float64
}

// synth draws n rows of p uniform(-1,1) features and labels them with label(row).
func synth(n, p int, seed uint64, label func(x []float64, rng *rand.Rand) float64) data {
	rng := rand.New(rand.NewPCG(seed, 7))
	d := data{X: make([][]float64, p), y: make([]float64, n)}
	for j := range d.X {
		d.X[j] = make([]float64, n)
	}
	x := make([]float64, p)
	for i := range n {
		for j := range x {
			x[j] = 2*rng.Float64() - 1
			d.X[j][i] = x[j]
		}
		d.y[i] = label(x, rng)
	}
	return d
}

// xor is the classic problem no single split helps with: class = sign(x0) xor sign(x1).
func xor(x []float64, _ *rand.Rand) float64 {
	if (x[0] > 0) != (x[1] > 0) {
		return 1
	}
	return 0
}

// linear labels by a known oblique boundary.
func linear(x []float64, _ *rand.Rand) float64 {
	if x[0]+0.5*x[1]-0.25*x[2] > 0.1 {
		return 1
	}
	return 0
}

// threeClass labels by the angle of (x0, x1): three sectors.
func threeClass(x []float64, _ *rand.Rand) float64 {
	a := math.Atan2(x[1], x[0]) + math.Pi // 0..2π
	return math.Min(2, math.Floor(a/(2*math.Pi/3)))
}

// smooth is a regression target with noise.
func smooth(x []float64, rng *rand.Rand) float64 {
	return 3*math.Sin(3*x[0]) + 2*x[1]*x[1] + 0.1*rng.NormFloat64()
}

// row copies row i of column-major X.
func row(X [][]float64, i int) []float64 {
	r := make([]float64, len(X))
	for j := range X {
		r[j] = X[j][i]
	}
	return r
}

// accuracy scores a classifier on d.
func accuracy(m ml.Classifier, d data) float64 {
	out := make([]float64, m.Classes())
	ok := 0
	for i := range d.y {
		m.PredictProba(row(d.X, i), out)
		if argmax(out) == d.y[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(d.y))
}

// r2 is the coefficient of determination of a regressor on d.
func r2(m ml.Regressor, d data) float64 {
	mean := 0.0
	for _, v := range d.y {
		mean += v
	}
	mean /= float64(len(d.y))
	var ss, sr float64
	for i, v := range d.y {
		e := m.PredictValue(row(d.X, i)) - v
		sr += e * e
		ss += (v - mean) * (v - mean)
	}
	return 1 - sr/ss
}

// predictions lists every output of m on d: probabilities for a classifier, values otherwise.
func predictions(m any, d data) []float64 {
	var out []float64
	for i := range d.y {
		r := row(d.X, i)
		if c, ok := m.(ml.Classifier); ok && c.Classes() > 0 {
			p := make([]float64, c.Classes())
			c.PredictProba(r, p)
			out = append(out, p...)
		} else {
			out = append(out, m.(ml.Regressor).PredictValue(r))
		}
	}
	return out
}

func same(t *testing.T, what string, a, b []float64) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d vs %d predictions", what, len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			t.Fatalf("%s: prediction %d differs: %v vs %v", what, i, a[i], b[i])
		}
	}
}
