package linear

import (
	"fmt"
	"math"

	"github.com/cairn-notebook/cairn/ml"
	"gonum.org/v1/gonum/mat"
)

func init() {
	ml.RegisterKind("linear_regression", func() any { return new(LinearModel) })
}

// Linear configures least-squares regression with an optional ridge
// penalty Alpha·‖w‖² (the intercept is not penalised), as scikit-learn's
// LinearRegression (Alpha 0) and Ridge.
type Linear struct {
	Alpha float64
}

// LinearModel is a fitted linear regression.
type LinearModel struct {
	Coef      []float64 `json:"coef"`
	Intercept float64   `json:"intercept"`
}

// Encoding: linear models take one-hot encoded features.
func (Linear) Encoding() ml.Encoding { return ml.OneHot }

// Fit implements ml.Spec.
func (c Linear) Fit(X [][]float64, y []float64, classes int, opt ml.FitOptions) (any, error) {
	if classes != 0 {
		return nil, fmt.Errorf("linear: linear regression predicts numbers; the target has classes (use linear.Logistic)")
	}
	return FitLinear(X, y, c, opt)
}

// FitLinear solves the centred normal equations through an eigen
// decomposition of XᵀX: exact for ridge, and for Alpha 0 it gives the
// minimum-norm least-squares solution even when columns are collinear (as
// one-hot columns are), like scikit-learn's lstsq.
func FitLinear(X [][]float64, y []float64, cfg Linear, opt ml.FitOptions) (*LinearModel, error) {
	if cfg.Alpha < 0 || math.IsNaN(cfg.Alpha) {
		return nil, fmt.Errorf("linear: Alpha must be ≥ 0, got %v", cfg.Alpha)
	}
	n, p := len(y), len(X)
	if n == 0 {
		return nil, fmt.Errorf("linear: no training rows")
	}
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("linear: target of row %d is %v", i, v)
		}
	}
	d, err := newDesign(X, make([]float64, n), 1, opt.Workers) // checks X; means
	if err != nil {
		return nil, err
	}
	if opt.Ctx != nil && opt.Ctx.Err() != nil {
		return nil, opt.Ctx.Err()
	}
	ym := 0.0
	for _, v := range y {
		ym += v / float64(n)
	}
	gram, xty := mat.NewSymDense(p, nil), mat.NewVecDense(p, nil)
	for a := range p {
		for b := a; b < p; b++ {
			s := 0.0
			for i, v := range X[a] {
				s += (v - d.mean[a]) * (X[b][i] - d.mean[b])
			}
			gram.SetSym(a, b, s)
		}
		s := 0.0
		for i, v := range X[a] {
			s += (v - d.mean[a]) * (y[i] - ym)
		}
		xty.SetVec(a, s)
	}
	var eig mat.EigenSym
	if !eig.Factorize(gram, true) {
		return nil, fmt.Errorf("linear: the eigen decomposition of XᵀX failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	top := 0.0
	for _, v := range vals {
		top = max(top, v)
	}
	// w = V diag(1/(λ+α)) Vᵀ Xᵀy, dropping directions with λ ≈ 0 when α = 0.
	var vty mat.VecDense
	vty.MulVec(vecs.T(), xty)
	for k, l := range vals {
		if cfg.Alpha == 0 && l <= top*float64(p)*1e-12 {
			vty.SetVec(k, 0)
		} else {
			vty.SetVec(k, vty.AtVec(k)/(l+cfg.Alpha))
		}
	}
	var w mat.VecDense
	w.MulVec(&vecs, &vty)
	m := &LinearModel{Coef: make([]float64, p), Intercept: ym}
	for j := range p {
		m.Coef[j] = w.AtVec(j)
		m.Intercept -= m.Coef[j] * d.mean[j]
	}
	return m, nil
}

// Inputs implements ml.Sized.
func (m *LinearModel) Inputs() int { return len(m.Coef) }

// PredictValue predicts one encoded row.
func (m *LinearModel) PredictValue(row []float64) float64 {
	v := m.Intercept
	for j, w := range m.Coef {
		v += w * row[j]
	}
	return v
}
