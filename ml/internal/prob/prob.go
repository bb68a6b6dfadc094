// Package prob turns raw model scores into probabilities, for the estimators that share them
// (logistic regression, boosted trees).
package prob

import "math"

// Sigmoid is 1/(1+e^-z), computed without overflow for large |z|.
func Sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// LogLoss1 is the log loss of a sigmoid score z for a target y of 0 or 1,
// log(1+e^z) − y·z, computed without overflow.
func LogLoss1(z, y float64) float64 {
	return max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) - y*z
}

// Softmax turns scores into probabilities in place and returns log Σ exp(scores) (the
// normaliser, which a log loss needs). Scores are shifted by their maximum so exp never
// overflows.
func Softmax(z []float64) float64 {
	mx := math.Inf(-1)
	for _, v := range z {
		mx = max(mx, v)
	}
	s := 0.0
	for i, v := range z {
		z[i] = math.Exp(v - mx)
		s += z[i]
	}
	for i := range z {
		z[i] /= s
	}
	return mx + math.Log(s)
}
