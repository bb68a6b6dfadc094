package tree

import (
	"math"

	"github.com/cairn-notebook/cairn/ml/internal/prob"
)

// loss is a gradient-boosting objective on raw scores: one output for regression and binary
// classification (log-odds), one per class for multiclass (softmax).
type loss struct {
	classes int // 0 = regression
	outputs int
}

func newLoss(classes int) loss {
	if classes > 2 {
		return loss{classes, classes}
	}
	return loss{classes, 1}
}

// baseline is the constant raw score that fits y best: the mean, the log-odds of class 1, or
// the log class shares.
func (l loss) baseline(y []float64) []float64 {
	n := float64(len(y))
	switch l.classes {
	case 0:
		s := 0.0
		for _, v := range y {
			s += v
		}
		return []float64{s / n}
	case 2:
		s := 0.0
		for _, v := range y {
			s += v
		}
		p := clampP(s / n)
		return []float64{math.Log(p / (1 - p))}
	}
	cnt := make([]float64, l.classes)
	for _, v := range y {
		cnt[int(v)]++
	}
	out := make([]float64, l.classes)
	for k, c := range cnt {
		out[k] = math.Log(clampP(c / n))
	}
	return out
}

func clampP(p float64) float64 { return min(max(p, 1e-15), 1-1e-15) }

// gradients fills g and h (outputs×n, output-major) from raw scores for rows lo..hi.
func (l loss) gradients(raw, y, g, h []float64, n, lo, hi int) {
	switch l.classes {
	case 0:
		for i := lo; i < hi; i++ {
			g[i], h[i] = raw[i]-y[i], 1
		}
	case 2:
		for i := lo; i < hi; i++ {
			p := prob.Sigmoid(raw[i])
			g[i], h[i] = p-y[i], p*(1-p)
		}
	default:
		K := l.outputs
		p := make([]float64, K)
		for i := lo; i < hi; i++ {
			for k := range p {
				p[k] = raw[k*n+i]
			}
			prob.Softmax(p)
			for k, pk := range p {
				t := 0.0
				if int(y[i]) == k {
					t = 1
				}
				g[k*n+i], h[k*n+i] = pk-t, pk*(1-pk)
			}
		}
	}
}

// value is the mean loss of raw scores (outputs×n) against y: half squared error, or the log loss.
func (l loss) value(raw, y []float64) float64 {
	n, s := len(y), 0.0
	switch l.classes {
	case 0:
		for i, v := range y {
			d := raw[i] - v
			s += d * d / 2
		}
	case 2:
		for i, v := range y {
			s += prob.LogLoss1(raw[i], v)
		}
	default:
		p := make([]float64, l.outputs)
		for i, v := range y {
			for k := range p {
				p[k] = raw[k*n+i]
			}
			prob.Softmax(p)
			s -= math.Log(clampP(p[int(v)]))
		}
	}
	return s / float64(n)
}
