package linear

import (
	"fmt"
	"math"
	"slices"

	"github.com/cairn-notebook/cairn/ml/internal/par"

	"github.com/cairn-notebook/cairn/ml/internal/prob"
)

// block: rows of one par block; their partial sums are added in block order,
// so the fitted model does not depend on the worker count.
const block = par.Block

// design is the training data with the column means and scales that
// standardise it.
type design struct {
	X          [][]float64
	y          []int
	n, p, rows int // rows: 1 output for two classes (sigmoid), K for softmax
	mean, sd   []float64
	workers    int
}

func newDesign(X [][]float64, y []float64, k, workers int) (*design, error) {
	n := len(y)
	if n == 0 {
		return nil, fmt.Errorf("linear: no training rows")
	}
	d := &design{X: X, y: make([]int, n), n: n, p: len(X), rows: k, workers: workers}
	if k == 2 {
		d.rows = 1
	}
	for i, v := range y {
		if v != math.Trunc(v) || v < 0 || int(v) >= k {
			return nil, fmt.Errorf("linear: target of row %d is %v, not a class index in 0..%d", i, v, k-1)
		}
		d.y[i] = int(v)
	}
	for j, col := range X {
		if len(col) != n {
			return nil, fmt.Errorf("linear: feature %d has %d rows, the target has %d", j, len(col), n)
		}
		m, ss := 0.0, 0.0
		for i, v := range col {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("linear: feature %d row %d is %v; impute missing values first", j, i, v)
			}
			m += v
		}
		m /= float64(n)
		for _, v := range col {
			ss += (v - m) * (v - m)
		}
		sd := math.Sqrt(ss / float64(n))
		if sd == 0 {
			sd = 1
		}
		d.mean, d.sd = append(d.mean, m), append(d.sd, sd)
	}
	return d, nil
}

// unscale maps standardised parameters θ (per output row: p weights, then
// the intercept) to coefficients and intercepts on the original scale.
func (d *design) unscale(th []float64) (coef, icpt []float64) {
	coef, icpt = make([]float64, d.rows*d.p), make([]float64, d.rows)
	for r := range d.rows {
		t := th[r*(d.p+1):]
		b := t[d.p]
		for j := range d.p {
			coef[r*d.p+j] = t[j] / d.sd[j]
			b -= t[j] * d.mean[j] / d.sd[j]
		}
		icpt[r] = b
	}
	return coef, icpt
}

// objective is the mean log loss plus the penalty on the original scale.
type objective struct {
	d       *design
	penalty float64 // 1/(C n): the penalty ‖w‖²/(2C) divided by n like the loss
	at      []float64
	grad    []float64 // the gradient at the point value saw last
}

// value is the objective at θ. It computes the gradient in the same pass over the data and
// keeps it: L-BFGS's line search asks for the gradient at the point whose value it just
// took (every time, measured), and a separate pass for it cost a third of a fit.
func (o *objective) value(th []float64) float64 {
	if o.grad == nil {
		o.grad = make([]float64, len(th))
	}
	f := o.eval(th, o.grad)
	o.at = append(o.at[:0], th...)
	return f
}

// gradient writes the gradient at θ into g, from value's pass when it was at θ.
func (o *objective) gradient(g, th []float64) {
	if slices.Equal(th, o.at) {
		copy(g, o.grad)
		return
	}
	o.eval(th, g)
}

// partial is one block's share of the loss and of the gradient sums.
type partial struct {
	loss float64
	gx   []float64 // rows × p: Σ g·x
	g    []float64 // rows: Σ g
}

// eval returns the objective at θ and, if grad is not nil, its gradient.
func (o *objective) eval(th, grad []float64) float64 {
	d := o.d
	coef, icpt := d.unscale(th)
	parts := make([]partial, par.Blocks(d.n))
	par.Each(d.n, d.workers, func(b, lo, hi int) {
		parts[b] = d.block(lo, hi, coef, icpt, grad != nil)
	})
	f := 0.0
	if grad != nil {
		clear(grad)
	}
	for _, pt := range parts { // in block order: deterministic sums
		f += pt.loss
		if grad == nil {
			continue
		}
		for r := range d.rows {
			g := grad[r*(d.p+1):]
			for j := range d.p {
				g[j] += pt.gx[r*d.p+j] - d.mean[j]*pt.g[r]
			}
			g[d.p] += pt.g[r]
		}
	}
	inv := 1 / float64(d.n)
	f *= inv
	for r := range d.rows {
		t := th[r*(d.p+1):]
		for j := range d.p {
			w := t[j] / d.sd[j]
			f += o.penalty * w * w / 2
			if grad != nil {
				g := grad[r*(d.p+1):]
				g[j] = g[j]*inv/d.sd[j] + o.penalty*w/d.sd[j]
			}
		}
		if grad != nil {
			grad[r*(d.p+1)+d.p] *= inv
		}
	}
	return f
}

// block computes rows [lo, hi) of the loss and gradient sums.
func (d *design) block(lo, hi int, coef, icpt []float64, withGrad bool) partial {
	m := hi - lo
	z := make([]float64, block*d.rows)
	for r := range d.rows {
		zr := z[r*block : r*block+m]
		for i := range zr {
			zr[i] = icpt[r]
		}
		for j := range d.p {
			w, col := coef[r*d.p+j], d.X[j][lo:hi]
			for i, v := range col {
				zr[i] += w * v
			}
		}
	}
	pt := partial{}
	score := make([]float64, d.rows)
	for i := range m {
		t := d.y[lo+i]
		if d.rows == 1 { // sigmoid: loss log(1+e^z) − y·z, gradient σ(z) − y
			zi := z[i]
			pt.loss += prob.LogLoss1(zi, float64(t))
			z[i] = prob.Sigmoid(zi) - float64(t)
			continue
		}
		for r := range d.rows {
			score[r] = z[r*block+i]
		}
		pt.loss += prob.Softmax(score) - z[t*block+i] // log Σ exp − z_true
		for r := range d.rows {
			z[r*block+i] = score[r]
		}
		z[t*block+i]--
	}
	if !withGrad {
		return pt
	}
	pt.gx, pt.g = make([]float64, d.rows*d.p), make([]float64, d.rows)
	for r := range d.rows {
		gr := z[r*block : r*block+m]
		for _, g := range gr {
			pt.g[r] += g
		}
		for j := range d.p {
			s, col := 0.0, d.X[j][lo:hi]
			for i, v := range col {
				s += gr[i] * v
			}
			pt.gx[r*d.p+j] = s
		}
	}
	return pt
}
