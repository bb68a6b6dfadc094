package tree

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
)

var nan = math.NaN()

// When whether a value is missing is the signal, every model must learn it: rows of class 1
// have x0 missing, those of class 0 have it present; the other features are noise.
func TestMissingIsSignal(t *testing.T) {
	mk := func(seed uint64) data {
		return synth(2000, 3, seed, func(x []float64, rng *rand.Rand) float64 {
			return float64(rng.IntN(2))
		})
	}
	train, test := mk(1), mk(2)
	for _, d := range []data{train, test} {
		for i, v := range d.y {
			if v == 1 {
				d.X[0][i] = nan
			}
		}
	}
	for name, m := range fitAll(t, train, 2, ml.FitOptions{Seed: 1}) {
		if acc := accuracy(m.(ml.Classifier), test); acc < 0.99 {
			t.Errorf("%s: accuracy %.3f with missingness as the signal", name, acc)
		}
	}
}

// Missing values mixed into an informative feature: the model still learns, and rows missing
// at prediction (never seen missing at training) get valid probabilities.
func TestMissingMixed(t *testing.T) {
	train, test := synth(3000, 4, 1, linear), synth(1000, 4, 2, linear)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range train.y {
		if rng.Float64() < 0.2 {
			train.X[2][i] = nan
		}
	}
	for name, m := range fitAll(t, train, 2, ml.FitOptions{Seed: 1}) {
		c := m.(ml.Classifier)
		if acc := accuracy(c, test); acc < 0.85 {
			t.Errorf("%s: accuracy %.3f with 20%% of feature 2 missing", name, acc)
		}
		out := make([]float64, 2)
		c.PredictProba([]float64{nan, nan, nan, nan}, out)
		if math.IsNaN(out[0]) || math.Abs(out[0]+out[1]-1) > 1e-9 {
			t.Errorf("%s: all-missing row gives %v", name, out)
		}
	}
}

// Bins: few distinct values get one bin each; many get at most 255 quantile bins; a value's bin
// agrees with the raw threshold prediction uses.
func TestBins(t *testing.T) {
	e := binEdges([]float64{3, 1, 2, 2, nan, 1}, 255)
	if len(e) != 2 || e[0] != 1.5 || e[1] != 2.5 {
		t.Fatalf("edges of {1,2,3} = %v, want [1.5 2.5]", e)
	}
	if binCode(e, nan) != missingBin || binCode(e, 1) != 0 || binCode(e, 2) != 1 || binCode(e, 9) != 2 {
		t.Fatal("bin codes of {1,2,3,NaN} are wrong")
	}
	col := synth(50000, 2, 3, xor).X[0]
	e = binEdges(col, 255)
	if len(e) != 254 {
		t.Fatalf("%d edges for 50,000 distinct values, want 254", len(e))
	}
	counts := make([]int, 255)
	for _, x := range col {
		b := binCode(e, x)
		counts[b]++
		if int(b) < len(e) && !(x <= e[b]) || b > 0 && !(x > e[b-1]) {
			t.Fatalf("value %v in bin %d disagrees with edges", x, b)
		}
	}
	for b, c := range counts {
		if c < 150 || c > 250 {
			t.Fatalf("bin %d holds %d of 50,000 values; quantile bins hold ~196", b, c)
		}
	}
}
