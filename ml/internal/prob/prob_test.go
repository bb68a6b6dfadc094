package prob

import (
	"math"
	"testing"
)

func TestSigmoidAndSoftmax(t *testing.T) {
	for z, want := range map[float64]float64{0: 0.5, 2: 1 / (1 + math.Exp(-2)), -2: 1 / (1 + math.Exp(2)), -800: 0, 800: 1} {
		if got := Sigmoid(z); math.Abs(got-want) > 1e-15 || math.IsNaN(got) {
			t.Errorf("Sigmoid(%v) = %v, want %v", z, got, want)
		}
	}
	z := []float64{1, 2, 3}
	lse := Softmax(z)
	// By hand: e^1+e^2+e^3 = 30.1929; shares 0.0900, 0.2447, 0.6652.
	if math.Abs(lse-math.Log(math.E+math.E*math.E+math.E*math.E*math.E)) > 1e-12 ||
		math.Abs(z[0]-0.09003057) > 1e-8 || math.Abs(z[2]-0.66524096) > 1e-8 {
		t.Errorf("Softmax: %v, log-sum-exp %v", z, lse)
	}
	big := []float64{1000, 1000}
	if Softmax(big); big[0] != 0.5 || big[1] != 0.5 {
		t.Errorf("Softmax overflowed: %v", big)
	}
}

// LogLoss1 is log(1+e^z) − y·z, finite where the direct formula overflows.
func TestLogLoss1(t *testing.T) {
	for _, z := range []float64{-3, -0.5, 0, 0.7, 4} {
		for _, y := range []float64{0, 1} {
			if got, want := LogLoss1(z, y), math.Log(1+math.Exp(z))-y*z; math.Abs(got-want) > 1e-12 {
				t.Errorf("LogLoss1(%v, %v) = %v, want %v", z, y, got, want)
			}
		}
	}
	if got := LogLoss1(800, 0); got != 800 {
		t.Errorf("LogLoss1(800, 0) = %v, want 800", got)
	}
	if got := LogLoss1(-800, 1); got != 800 {
		t.Errorf("LogLoss1(-800, 1) = %v, want 800", got)
	}
}
