package linear

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
)

// synth makes n rows of p features on different scales and a class from a
// noisy linear score (k classes by argmax of k scores).
func synth(n, p, k int, seed uint64) ([][]float64, []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	X := make([][]float64, p)
	for j := range X {
		X[j] = make([]float64, n)
		for i := range X[j] {
			X[j][i] = rng.NormFloat64()*float64(j+1) + float64(j)
		}
	}
	w := make([]float64, k*p)
	for i := range w {
		w[i] = rng.NormFloat64()
	}
	y := make([]float64, n)
	for i := range y {
		best, bs := 0, math.Inf(-1)
		for c := range k {
			s := rng.NormFloat64() * 2
			for j := range p {
				s += w[c*p+j] * (X[j][i] - float64(j)) / float64(j+1)
			}
			if s > bs {
				best, bs = c, s
			}
		}
		y[i] = float64(best)
	}
	return X, y
}

// stationary checks the optimality condition of the logistic objective on
// the original scale, computed here independently of objective.go:
// ∂/∂w_rj = Σ_i (p_ir − [y_i=r]) x_ij + w_rj / C = 0 and ∂/∂b_r = Σ_i (p_ir − [y_i=r]) = 0
// (binary: one row, p = P(class 1)).
func stationary(t *testing.T, m *LogisticModel, X [][]float64, y []float64, C float64) {
	t.Helper()
	rows, n := len(m.Intercept), len(y)
	gw, gb := make([]float64, rows*m.P), make([]float64, rows)
	out, row := make([]float64, m.K), make([]float64, m.P)
	for i := range n {
		for j := range m.P {
			row[j] = X[j][i]
		}
		m.PredictProba(row, out)
		for r := range rows {
			c := r
			if rows == 1 {
				c = 1
			}
			g := out[c]
			if int(y[i]) == c {
				g--
			}
			gb[r] += g
			for j := range m.P {
				gw[r*m.P+j] += g * row[j]
			}
		}
	}
	for r := range rows {
		if math.Abs(gb[r]) > 1e-4*float64(n) {
			t.Errorf("intercept %d gradient %g, want 0", r, gb[r])
		}
		for j := range m.P {
			if g := gw[r*m.P+j] + m.Coef[r*m.P+j]/C; math.Abs(g) > 1e-4*float64(n) {
				t.Errorf("coef %d,%d gradient %g, want 0", r, j, g)
			}
		}
	}
}

func TestLogisticReachesOptimum(t *testing.T) {
	for _, k := range []int{2, 3} {
		X, y := synth(3000, 4, k, 7)
		for _, C := range []float64{1, 0.01} {
			m, err := FitLogistic(X, y, Logistic{Classes: k, C: C}, ml.FitOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !m.Converged {
				t.Errorf("k=%d C=%g: did not converge in %d iterations", k, C, m.Iterations)
			}
			stationary(t, m, X, y, C)
		}
	}
}

func TestLogisticHandCase(t *testing.T) {
	// One feature, x = ±1 with y = 1 for x = 1 three times out of four, y = 0
	// for x = −1 three times out of four. Unpenalised (huge C) optimum: the
	// logit of 3/4 at x = 1 and of 1/4 at x = −1, so b = 0 and w = ln 3.
	X := [][]float64{{1, 1, 1, 1, -1, -1, -1, -1}}
	y := []float64{1, 1, 1, 0, 0, 0, 0, 1}
	m, err := FitLogistic(X, y, Logistic{Classes: 2, C: 1e9}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(m.Coef[0]-math.Log(3)) > 1e-5 || math.Abs(m.Intercept[0]) > 1e-5 {
		t.Fatalf("w=%v b=%v, want ln 3=%v and 0", m.Coef[0], m.Intercept[0], math.Log(3))
	}
	out := make([]float64, 2)
	m.PredictProba([]float64{1}, out)
	if math.Abs(out[1]-0.75) > 1e-6 || math.Abs(out[0]+out[1]-1) > 1e-12 {
		t.Fatalf("P(x=1) = %v, want [0.25 0.75]", out)
	}
}

func TestLogisticDeterministicAcrossWorkers(t *testing.T) {
	X, y := synth(20000, 5, 3, 3)
	a, err := FitLogistic(X, y, Logistic{Classes: 3}, ml.FitOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := FitLogistic(X, y, Logistic{Classes: 3}, ml.FitOptions{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Coef {
		if a.Coef[i] != b.Coef[i] {
			t.Fatalf("coef %d: %v with 1 worker, %v with 4", i, a.Coef[i], b.Coef[i])
		}
	}
}

func TestLinearRecoversCoefficients(t *testing.T) {
	// y = 2·x0 − 3·x1 + 5 exactly, so least squares recovers it.
	X, _ := synth(200, 2, 2, 1)
	y := make([]float64, 200)
	for i := range y {
		y[i] = 2*X[0][i] - 3*X[1][i] + 5
	}
	m, err := FitLinear(X, y, Linear{}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(m.Coef[0]-2) > 1e-9 || math.Abs(m.Coef[1]+3) > 1e-9 || math.Abs(m.Intercept-5) > 1e-9 {
		t.Fatalf("coef %v intercept %v, want [2 -3] 5", m.Coef, m.Intercept)
	}
	// Ridge in one dimension by hand: x = 1,2,3, y = 2,4,7 → centred x −1,0,1,
	// centred y −2.33,−0.33,2.67; Sxy = 5, Sxx = 2, so with α = 3 w = 5/(2+3) = 1
	// and b = ȳ − w·x̄ = 13/3 − 2 = 7/3.
	r, err := FitLinear([][]float64{{1, 2, 3}}, []float64{2, 4, 7}, Linear{Alpha: 3}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.Coef[0]-1) > 1e-12 || math.Abs(r.Intercept-7.0/3) > 1e-12 {
		t.Fatalf("ridge w=%v b=%v, want 1 and 7/3", r.Coef[0], r.Intercept)
	}
}

func TestLinearCollinearOneHot(t *testing.T) {
	// Two one-hot columns that always sum to 1: XᵀX is singular; the
	// min-norm solution still fits y = 1 for a, 3 for b exactly.
	X := [][]float64{{1, 0, 1, 0}, {0, 1, 0, 1}}
	y := []float64{1, 3, 1, 3}
	m, err := FitLinear(X, y, Linear{}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := m.PredictValue([]float64{1, 0}), m.PredictValue([]float64{0, 1}); math.Abs(a-1) > 1e-9 || math.Abs(b-3) > 1e-9 {
		t.Fatalf("predictions %v %v, want 1 and 3", a, b)
	}
	if math.Abs(m.Coef[0]+m.Coef[1]) > 1e-9 {
		t.Fatalf("coef %v: min-norm solution has opposite coefficients", m.Coef)
	}
}

func TestBadInput(t *testing.T) {
	X := [][]float64{{1, math.NaN(), 3}}
	if _, err := FitLogistic(X, []float64{0, 1, 0}, Logistic{Classes: 2}, ml.FitOptions{}); err == nil || !strings.Contains(err.Error(), "feature 0 row 1") {
		t.Errorf("NaN feature: %v", err)
	}
	X = [][]float64{{1, 2, 3}}
	if _, err := FitLogistic(X, []float64{0, 2, 0}, Logistic{Classes: 2}, ml.FitOptions{}); err == nil || !strings.Contains(err.Error(), "row 1") {
		t.Errorf("class out of range: %v", err)
	}
	if _, err := (Logistic{}).Fit(X, []float64{1, 2, 3}, 0, ml.FitOptions{}); err == nil || !strings.Contains(err.Error(), "numeric") {
		t.Errorf("logistic on regression: %v", err)
	}
	if _, err := (Linear{}).Fit(X, []float64{0, 1, 0}, 2, ml.FitOptions{}); err == nil || !strings.Contains(err.Error(), "classes") {
		t.Errorf("linear on classes: %v", err)
	}
	if _, err := FitLinear(X, []float64{1, 2}, Linear{}, ml.FitOptions{}); err == nil || !strings.Contains(err.Error(), "3 rows") {
		t.Errorf("row count mismatch: %v", err)
	}
}

func TestCancel(t *testing.T) {
	X, y := synth(5000, 5, 3, 2)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	// Interrupted at the first reported iteration, the fit stops with ctx.Err().
	_, err := FitLogistic(X, y, Logistic{Classes: 3}, ml.FitOptions{Ctx: ctx, Progress: func(done, total int) {
		calls++
		if total != 0 || done != 1 { // a count: L-BFGS converges long before MaxIter
			t.Errorf("progress %d of %d, want 1 of 0 (unknown)", done, total)
		}
		cancel()
	}})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Fatalf("cancelled fit returned %v after %d progress calls", err, calls)
	}
}

// BenchmarkFitLogistic: 100k rows × 20 features, binary (the bench size).
func BenchmarkFitLogistic(b *testing.B) {
	X, y := synth(100000, 20, 2, 5)
	for b.Loop() {
		if _, err := FitLogistic(X, y, Logistic{Classes: 2}, ml.FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
